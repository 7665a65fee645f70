using SshKeep.Supervision;

namespace SshKeep.History;

/// <param name="Note">Why the tunnel is not up (<see cref="TunnelHistory.NoteOf"/>).</param>
internal sealed record TimelineEntry(DateTimeOffset At, TunnelState State, string? Note);
