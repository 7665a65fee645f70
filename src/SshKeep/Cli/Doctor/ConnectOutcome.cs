using System.Net.Sockets;

namespace SshKeep.Cli.Doctor;

/// <summary>Whether a TCP connect to a server's port succeeded, and if not, what the server did, as
/// the end of a sentence that starts with its address: "refused the connection (…)" (a refusal is
/// an answer: the host is there, nothing listens), "did not answer within 3 s", "is unreachable:
/// No route to host", "cannot be found: Name or service not known".</summary>
internal sealed record ConnectOutcome(bool Connected, string? Problem = null)
{
    public static readonly ConnectOutcome Success = new(true);

    public static ConnectOutcome Failed(string problem) => new(false, problem);

    public static ConnectOutcome TimedOut(string within) => Failed($"did not answer within {within}");

    /// <param name="error">The socket error of the failed connect.</param>
    /// <param name="text">strerror's words for it ("Connection refused").</param>
    public static ConnectOutcome FailedWith(SocketError error, string text) => Failed(error switch
    {
        SocketError.ConnectionRefused => "refused the connection (the host is there, nothing listens on the port)",
        SocketError.TimedOut => $"did not answer: {text}",
        SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => $"cannot be found: {text}",
        _ => $"is unreachable: {text}",
    });
}
