using System.Globalization;
using System.Text.RegularExpressions;

namespace SshKeep.Ssh;

/// <summary>
/// Reads OpenSSH client stderr lines (checked against OpenSSH 9.2's wording) into the failure
/// classes the daemon acts on (design: recovery). Pure; unknown lines are <see cref="SshFailureKind.None"/>.
/// </summary>
internal static partial class SshStderrClassifier
{
    public static SshStderrLine Classify(string line)
    {
        if (line.StartsWith("Authenticated to ", StringComparison.Ordinal)) return new(SshFailureKind.Authenticated);
        if (RemotePortFailed().Match(line) is { Success: true } remote) return new(SshFailureKind.RemotePortInUse, Port(remote));
        if (LocalBindInUse().Match(line) is { Success: true } local) return new(SshFailureKind.LocalPortInUse, Port(local));
        if (line.Contains("Permission denied (", StringComparison.Ordinal) ||
            line.StartsWith("Too many authentication failures", StringComparison.Ordinal))
            return new(SshFailureKind.AuthenticationRefused);
        if (line.StartsWith("Host key verification failed", StringComparison.Ordinal) ||
            line.Contains("REMOTE HOST IDENTIFICATION HAS CHANGED", StringComparison.Ordinal) ||
            line.Contains("you have requested strict checking", StringComparison.Ordinal))
            return new(SshFailureKind.HostKeyRejected);
        if (line.Contains("Bad configuration option", StringComparison.Ordinal) ||
            line.Contains("Unsupported option", StringComparison.Ordinal) ||
            line.Contains("missing argument", StringComparison.Ordinal) ||
            line.StartsWith("Bad port", StringComparison.Ordinal) ||
            line.Contains("Bad forwarding specification", StringComparison.Ordinal) ||
            line.Contains("Identity file", StringComparison.Ordinal) && line.Contains("not accessible", StringComparison.Ordinal))
            return new(SshFailureKind.BadConfiguration);
        if (line.StartsWith("ssh: connect to host", StringComparison.Ordinal) ||
            line.StartsWith("ssh: Could not resolve hostname", StringComparison.Ordinal) ||
            line.Contains("Connection timed out", StringComparison.Ordinal) ||
            line.Contains("Connection reset", StringComparison.Ordinal) ||
            line.Contains("Connection closed by", StringComparison.Ordinal) ||
            line.Contains("Broken pipe", StringComparison.Ordinal) ||
            line.StartsWith("Timeout, server", StringComparison.Ordinal) ||
            line.Contains("No route to host", StringComparison.Ordinal) ||
            line.Contains("Network is unreachable", StringComparison.Ordinal) ||
            line.StartsWith("kex_exchange_identification", StringComparison.Ordinal))
            return new(SshFailureKind.Transient);
        return new(SshFailureKind.None);
    }

    /// <summary>
    /// "ssh: connect to host H port P: Connection timed out" (or refused, no route, network
    /// unreachable): ssh's own TCP connect to the server failed, so the run never reached it.
    /// </summary>
    public static bool IsConnectFailure(string line) => line.StartsWith("ssh: connect to host", StringComparison.Ordinal);

    private static int? Port(Match m) =>
        int.TryParse(m.Groups["port"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var port) ? port : null;

    // "Error: remote port forwarding failed for listen port 8080" (ssh 9.x), also for a path.
    [GeneratedRegex(@"remote port forwarding failed for listen port (?<port>\d+)")]
    private static partial Regex RemotePortFailed();

    // "bind [127.0.0.1]:8080: Address already in use" / "bind 127.0.0.1 port 8080: Address already in use"
    [GeneratedRegex(@"^bind (?:\[[^\]]*\]:|\S+ port )(?<port>\d+): Address already in use")]
    private static partial Regex LocalBindInUse();
}
