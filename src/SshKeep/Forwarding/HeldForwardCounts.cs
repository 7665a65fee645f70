namespace SshKeep.Forwarding;

/// <summary>What one held port has seen since the daemon began holding it (docs/held-ports.md, "Counts").</summary>
/// <param name="Accepted">Clients accepted.</param>
/// <param name="Waiting">Clients accepted and not yet carried by a session, now.</param>
/// <param name="Open">Clients whose connection a session carries, now.</param>
/// <param name="Failed">Clients closed without a connection: no session within the hold time, the server refused
/// the target, or a SOCKS request sshkeep could not serve.</param>
/// <param name="WaitBuckets">How long carried clients waited from accept to an open channel: counts per upper bound
/// of <see cref="HeldForward.WaitBounds"/> (not cumulative), the last for longer waits.</param>
/// <param name="WaitSum">The sum of those waits, in seconds.</param>
internal sealed record HeldForwardCounts(long Accepted, int Waiting, int Open, long Failed, IReadOnlyList<long> WaitBuckets, double WaitSum);
