namespace SshKeep.Forwarding;

/// <summary>What one held port has seen since the daemon began holding it (docs/held-ports.md, "Counts").</summary>
/// <param name="WaitBuckets">Counts per upper bound of <see cref="HeldForward.WaitBounds"/> (not cumulative), the last
/// for longer waits.</param>
/// <param name="WaitSum">In seconds.</param>
internal sealed record HeldForwardCounts(long Accepted, int Waiting, int Open, long Failed, IReadOnlyList<long> WaitBuckets, double WaitSum);
