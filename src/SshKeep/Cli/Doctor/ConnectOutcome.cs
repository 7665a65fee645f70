namespace SshKeep.Cli.Doctor;

/// <summary>Whether a TCP connect succeeded, and if not, the end of a sentence that starts with the address:
/// "refused the connection (…)", "did not answer within 3 s", "is unreachable: …", "cannot be found: …".</summary>
internal sealed record ConnectOutcome(bool Connected, string? Problem = null)
{
    public static readonly ConnectOutcome Success = new(true);

    public static ConnectOutcome Failed(string problem) => new(false, problem);

    public static ConnectOutcome TimedOut(string within) => Failed($"did not answer within {within}");

    public static ConnectOutcome FailedWith(SocketError error, string text) => Failed(error switch
    {
        SocketError.ConnectionRefused => "refused the connection (the host is there, nothing listens on the port)",
        SocketError.TimedOut => $"did not answer: {text}",
        SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => $"cannot be found: {text}",
        _ => $"is unreachable: {text}",
    });
}
