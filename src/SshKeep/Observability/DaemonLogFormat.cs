namespace SshKeep.Observability;

/// <summary>How the daemon writes its log lines on stderr (<c>--log-format</c>).</summary>
public enum DaemonLogFormat
{
    /// <summary>One readable line per event: time, level, tunnel, message. Under journald the
    /// time is dropped and a syslog priority prefix added instead.</summary>
    Text,

    /// <summary>One JSON object per line (<c>--log-format json</c>).</summary>
    Json,
}
