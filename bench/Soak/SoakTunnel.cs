namespace SshKeep.Bench.Soak;

/// <summary>
/// One tunnel of the soak: an -L (listens on 127.0.0.1:<paramref name="Port"/> here) or an -R (the
/// server listens on 127.0.0.1:<paramref name="Port"/>), each forwarding to the echo server. Either
/// way a probe to 127.0.0.1:Port that gets its bytes back proves the whole path.
/// </summary>
internal sealed record SoakTunnel(string Name, bool IsRemote, int Port)
{
    public string Forward => IsRemote ? "-R" : "-L";
}
