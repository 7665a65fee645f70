using Microsoft.Extensions.Logging;

namespace SshKeep.Logging;

/// <summary>How the daemon logs (<c>--log-format</c>, <c>--log-level</c>, and whether stderr is the journal).</summary>
internal sealed record DaemonLogSettings
{
    public required TimeProvider TimeProvider { get; init; }

    public DaemonLogFormat Format { get; init; } = DaemonLogFormat.Text;

    /// <summary>Events below this level are not written (<c>--log-level</c>, default info).</summary>
    public LogLevel MinimumLevel { get; init; } = LogLevel.Information;

    /// <summary>stderr is journald's stream (<see cref="DaemonJournalStream"/>): events are sent as
    /// journal entries when <see cref="JournalSocketPath"/> is set, and a text line written to
    /// stderr gets a syslog priority prefix instead of our timestamp. JSON lines are written as
    /// they are, so that they stay JSON; their <c>level</c> field says the severity.</summary>
    public bool Journal { get; init; }

    /// <summary>With <see cref="Journal"/>, each event is sent to this socket as one native journal
    /// entry (<see cref="DaemonJournalEntry"/>), and written to stderr only when the send fails.
    /// Null writes every event to stderr; the daemon passes <see cref="UnixDatagramSender.JournalPath"/>.</summary>
    public string? JournalSocketPath { get; init; }
}
