using SshKeep.Logging;

namespace SshKeep.Compat;

/// <summary>How autossh-style logging is set up (spec R84, R85, R31, R70, R80).</summary>
internal sealed record AutosshLogSettings
{
    /// <summary>progname: syslog ident and log-file prefix (R70).</summary>
    public required string ProgramName { get; init; }

    /// <summary>The pid written in each line; read per message because it changes after
    /// <c>-f</c> (R80). Use <c>() =&gt; Environment.ProcessId</c> in a process that does not detach.</summary>
    public required Func<int> ProcessId { get; init; }

    public required TimeProvider TimeProvider { get; init; }

    /// <summary>
    /// A message of syslog severity <c>s</c> is written when <c>s &lt;= LogLevel</c> (R85; default 6,
    /// 7 with AUTOSSH_DEBUG — the caller sets that). Any int is accepted and compared as autossh
    /// compares it, so a negative level writes nothing.
    /// </summary>
    public int LogLevel { get; init; } = SyslogSeverity.Information;

    /// <summary>AUTOSSH_DEBUG: with syslog, copy every written line to <see cref="Stderr"/>
    /// (LOG_PERROR). Has no effect with a log file, as in autossh (R84).</summary>
    public bool Debug { get; init; }

    /// <summary>AUTOSSH_LOGFILE, already open (<see cref="LogFileTarget.TryOpen"/>): when set,
    /// lines go to this file only. Owned by the provider from then on.</summary>
    public Stream? LogFile { get; init; }

    /// <summary>The syslog socket (glibc's <c>/dev/log</c>); tests bind their own.</summary>
    public string SyslogSocketPath { get; init; } = SyslogLogTarget.DefaultSocketPath;

    /// <summary>Whether syslog lines carry <c>[pid]</c> (LOG_PID). autossh's messages logged before
    /// openlog() have none and are never copied to stderr (R84): build a provider with this false
    /// and <see cref="Debug"/> false to reproduce them.</summary>
    public bool SyslogIncludesPid { get; init; } = true;

    /// <summary>Where the LOG_PERROR copy goes; null means <see cref="Console.Error"/>.</summary>
    public TextWriter? Stderr { get; init; }
}
