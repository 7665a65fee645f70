using SshKeep.Supervision;

namespace SshKeep.History;

/// <summary>A tunnel entered <paramref name="State"/> at <paramref name="At"/>; <paramref name="Note"/>
/// says why when it went down (ssh's last error or its exit), for the web page's timeline.</summary>
internal sealed record TimelineEntry(DateTimeOffset At, TunnelState State, string? Note);
