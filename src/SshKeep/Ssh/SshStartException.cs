namespace SshKeep.Ssh;

/// <summary>The program could not be executed; the message is autossh's (R60.3.7).</summary>
internal sealed class SshStartException(string program, string reason) : Exception($"{program}: {reason}")
{
    public string Program { get; } = program;
    public string Reason { get; } = reason;
}
