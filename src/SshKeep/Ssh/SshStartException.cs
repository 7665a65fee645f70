namespace SshKeep.Ssh;

/// <summary>The program could not be executed at all; the message is autossh's "&lt;path&gt;: &lt;reason&gt;".</summary>
internal sealed class SshStartException(string program, string reason, int errno)
    : Exception($"{program}: {reason}")
{
    public string Program { get; } = program;
    public string Reason { get; } = reason;
    public int Errno { get; } = errno;
}
