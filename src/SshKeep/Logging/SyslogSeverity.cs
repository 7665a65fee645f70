namespace SshKeep.Logging;

/// <summary>syslog severities (<c>&lt;syslog.h&gt;</c>) for .NET log levels. autossh itself uses only ERR, INFO
/// and DEBUG (docs/autossh-rules.md R85); the others are for sshkeep's own messages.</summary>
internal static class SyslogSeverity
{
    public const int Critical = 2;
    public const int Error = 3;
    public const int Warning = 4;
    public const int Information = 6;
    public const int Debug = 7;

    /// <summary>LOG_USER, the facility autossh passes to openlog() (R84).</summary>
    public const int UserFacility = 1 << 3;

    /// <summary>Null for <see cref="LogLevel.None"/>.</summary>
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
