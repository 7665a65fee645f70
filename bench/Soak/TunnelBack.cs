namespace SshKeep.Bench.Soak;

/// <summary>
/// One tunnel after one heal: how long until bytes went through it again (null: not within the
/// recovery limit). For a tunnel that missed the goal, its status line, the daemon's last log
/// lines about it (taken right after the check), and the longest back-off the daemon announced for
/// it since the round's fault began (a long one explains a late return: the policy, not a hang).
/// </summary>
internal sealed record TunnelBack(
    string Tunnel, TimeSpan? After, string? Status = null, IReadOnlyList<string>? DaemonLines = null, TimeSpan? LongestBackoff = null)
{
    public bool Within(TimeSpan goal) => After is { } after && after <= goal;
}
