using Microsoft.Extensions.Logging;

namespace SshKeep.Logging;

/// <summary>
/// syslog severities (RFC 3164 / <c>&lt;syslog.h&gt;</c>) and how .NET log levels map onto them.
/// autossh itself only uses ERR, INFO and DEBUG (spec R85); Warning and Critical are mapped for
/// sshkeep's own messages so that nothing logged through this provider is lost.
/// </summary>
internal static class SyslogSeverity
{
    public const int Critical = 2;
    public const int Error = 3;
    public const int Warning = 4;
    public const int Information = 6;
    public const int Debug = 7;

    /// <summary>LOG_USER, the facility autossh passes to openlog() (R84).</summary>
    public const int UserFacility = 1 << 3;

    /// <summary>The syslog severity for <paramref name="level"/>, or null for <see cref="LogLevel.None"/>.</summary>
    public static int? FromLogLevel(LogLevel level) => level switch
    {
        LogLevel.Critical => Critical,
        LogLevel.Error => Error,
        LogLevel.Warning => Warning,
        LogLevel.Information => Information,
        LogLevel.Debug or LogLevel.Trace => Debug,
        _ => null,
    };
}
