using SshKeep.Logging;

namespace SshKeep.Compat;

/// <summary>How autossh-style logging is set up (spec R84, R85, R31, R70, R80).</summary>
internal sealed record AutosshLogSettings
{
    /// <summary>progname: syslog ident and log-file prefix (R70).</summary>
    public required string ProgramName { get; init; }

    /// <summary>Read per message: the pid changes after <c>-f</c> (R80).</summary>
    public required Func<int> ProcessId { get; init; }

    public required TimeProvider TimeProvider { get; init; }

    /// <summary>A message of syslog severity <c>s</c> is written when <c>s &lt;= LogLevel</c> (R85), so a
    /// negative level writes nothing.</summary>
    public int LogLevel { get; init; } = SyslogSeverity.Information;

    /// <summary>AUTOSSH_DEBUG: copy syslog lines to <see cref="Stderr"/> (LOG_PERROR); none with a log file (R84).</summary>
    public bool Debug { get; init; }

    /// <summary>AUTOSSH_LOGFILE, already open (<see cref="LogFileTarget.TryOpen"/>): lines go there only.
    /// Owned by the provider from then on.</summary>
    public Stream? LogFile { get; init; }

    /// <summary>glibc's <c>/dev/log</c>; tests bind their own.</summary>
    public string SyslogSocketPath { get; init; } = SyslogLogTarget.DefaultSocketPath;

    /// <summary>LOG_PID. autossh's lines logged before openlog() have no pid and no stderr copy (R84).</summary>
    public bool SyslogIncludesPid { get; init; } = true;

    /// <summary>Where the LOG_PERROR copy goes; null means <see cref="Console.Error"/>.</summary>
    public TextWriter? Stderr { get; init; }
}
