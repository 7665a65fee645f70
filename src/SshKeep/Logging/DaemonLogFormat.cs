namespace SshKeep.Logging;

/// <summary>How the daemon writes its log lines on stderr (<c>--log-format</c>; <see cref="DaemonLogFormatter"/>).</summary>
internal enum DaemonLogFormat
{
    Text,
    Json,
}
