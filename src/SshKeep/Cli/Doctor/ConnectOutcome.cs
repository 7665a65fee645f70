namespace SshKeep.Cli.Doctor;

/// <summary>Whether a TCP connect to a server's port succeeded, and if not, the reason as strerror
/// words it ("Connection refused", "timed out after 3 s", "Name or service not known").</summary>
public sealed record ConnectOutcome(bool Connected, string? Problem = null)
{
    public static readonly ConnectOutcome Success = new(true);

    public static ConnectOutcome Failed(string problem) => new(false, problem);
}
