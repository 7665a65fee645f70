namespace SshKeep.Ssh;

/// <summary>OpenSSH client stderr lines (9.2's wording) into what the daemon acts on.</summary>
internal static partial class SshStderrClassifier
{
    /// <summary>In order: a line that starts with a first string, or contains a second, is of that kind.</summary>
    private static readonly (SshFailureKind Kind, string[] StartsWith, string[] Contains)[] Rules =
    [
        (SshFailureKind.AuthenticationRefused, ["Too many authentication failures"], ["Permission denied ("]),
        (SshFailureKind.HostKeyRejected, ["Host key verification failed"],
            ["REMOTE HOST IDENTIFICATION HAS CHANGED", "you have requested strict checking"]),
        (SshFailureKind.BadConfiguration, ["Bad port"],
            ["Bad configuration option", "Unsupported option", "missing argument", "Bad forwarding specification"]),
        (SshFailureKind.Transient, ["ssh: connect to host", "ssh: Could not resolve hostname", "Timeout, server", "kex_exchange_identification"],
            ["Connection timed out", "Connection reset", "Connection closed by", "Broken pipe", "No route to host", "Network is unreachable"]),
    ];

    public static SshStderrLine Classify(string line)
    {
        if (line.StartsWith("Authenticated to ", StringComparison.Ordinal)) return new(SshFailureKind.Authenticated);
        if (RemotePortFailed().Match(line) is { Success: true } remote) return new(SshFailureKind.RemotePortInUse, Port(remote));
        if (LocalBindInUse().Match(line) is { Success: true } local) return new(SshFailureKind.LocalPortInUse, Port(local));
        foreach (var (kind, starts, contains) in Rules)
        {
            if (starts.Any(s => line.StartsWith(s, StringComparison.Ordinal)) || contains.Any(c => line.Contains(c, StringComparison.Ordinal)) ||
                (kind == SshFailureKind.BadConfiguration && line.Contains("Identity file", StringComparison.Ordinal) &&
                    line.Contains("not accessible", StringComparison.Ordinal)))
            {
                return new(kind);
            }
        }
        return new(SshFailureKind.None);
    }

    /// <summary>"ssh: connect to host H port P: …": ssh's own TCP connect to the server failed.</summary>
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
