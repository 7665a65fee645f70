namespace SshKeep.Logging;

internal sealed record DaemonLogSettings
{
    public required TimeProvider TimeProvider { get; init; }

    public DaemonLogFormat Format { get; init; } = DaemonLogFormat.Text;

    public LogLevel MinimumLevel { get; init; } = LogLevel.Information;

    /// <summary>stderr is journald's stream: a text line gets a priority prefix instead of our timestamp.</summary>
    public bool Journal { get; init; }

    /// <summary>With <see cref="Journal"/>, where each event is sent (stderr only when that fails).</summary>
    public string? JournalSocketPath { get; init; }
}
