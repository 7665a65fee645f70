using Microsoft.Extensions.Logging;

namespace SshKeep.Logging;

/// <summary>How the daemon logs: <c>--log-format</c>, <c>--log-level</c> (default info), and whether stderr is the journal.</summary>
internal sealed record DaemonLogSettings
{
    public required TimeProvider TimeProvider { get; init; }

    public DaemonLogFormat Format { get; init; } = DaemonLogFormat.Text;

    public LogLevel MinimumLevel { get; init; } = LogLevel.Information;

    /// <summary>stderr is journald's stream (<see cref="DaemonLoggerProvider.IsJournalStream"/>): events go to
    /// <see cref="JournalSocketPath"/> as native entries when it is set, and a text line on stderr gets a
    /// syslog priority prefix instead of our timestamp (JSON lines stay JSON: their <c>level</c> says it).</summary>
    public bool Journal { get; init; }

    /// <summary>With <see cref="Journal"/>, where each event is sent (stderr only when that fails); null
    /// writes every event to stderr. The daemon passes <see cref="UnixDatagramSender.JournalPath"/>.</summary>
    public string? JournalSocketPath { get; init; }
}
