using SshKeep.History;

namespace SshKeep.Web;

/// <summary>One tunnel's extras on the web page; <see cref="History"/> oldest first.</summary>
internal sealed record PageTunnel
{
    public required string Name { get; init; }

    /// <summary>One of <see cref="SshKeep.Supervision.RestartReasons"/>, or null before the first restart.</summary>
    public string? LastRestartReason { get; init; }

    public required IReadOnlyDictionary<string, long> RestartsByReason { get; init; }

    public required IReadOnlyList<TimelineEntry> History { get; init; }
}
