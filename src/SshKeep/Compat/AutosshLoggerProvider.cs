using SshKeep.Logging;

namespace SshKeep.Compat;

/// <summary>Logs like autossh 1.4g (R84–R86), filtered by the syslog level (R85); owns its target.</summary>
internal sealed class AutosshLoggerProvider(IAutosshLogTarget target, int logLevel) : ILoggerProvider, ILogger
{
    /// <summary>autossh's log destination (R84): the open AUTOSSH_LOGFILE only, else syslog with ident
    /// <paramref name="programName"/> and, under AUTOSSH_DEBUG, a copy on <paramref name="stderr"/> (LOG_PERROR).</summary>
    /// <param name="environment">Null before the environment was read: syslog only, without a pid (R29, R84).</param>
    /// <param name="logFile">AUTOSSH_LOGFILE, already open (<see cref="LogFileTarget.TryOpen"/>); owned from then on.</param>
    public static AutosshLoggerProvider Create(string programName, CompatEnvironment? environment, Stream? logFile,
        TextWriter stderr, TimeProvider time, string syslogSocketPath = SyslogLogTarget.DefaultSocketPath)
    {
        // Read per message: the pid changes after -f (R80).
        Func<int> pid = () => Environment.ProcessId;
        IAutosshLogTarget target = environment is null ? new SyslogLogTarget(programName, null, time, syslogSocketPath)
            : logFile is not null ? new LogFileTarget(logFile, programName, pid, time)
            : new SyslogLogTarget(programName, pid, time, syslogSocketPath, environment.Debug ? stderr : null);
        return new AutosshLoggerProvider(target, environment?.LogLevel ?? SyslogSeverity.Information);
    }

    /// <summary>Every category logs to the one target (autossh has a single log stream).</summary>
    public ILogger CreateLogger(string categoryName) => this;

    public void Dispose() => target.Dispose();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    /// <summary>R85: written when the syslog severity is at most the configured level.</summary>
    public bool IsEnabled(LogLevel level) => SyslogSeverity.FromLogLevel(level) is { } severity && severity <= logLevel;

    public void Log<TState>(LogLevel level, EventId eventId, TState state, Exception? exception,
        Func<TState, Exception?, string> formatter)
    {
        if (SyslogSeverity.FromLogLevel(level) is not { } severity || severity > logLevel) return;
        string text = formatter(state, exception);
        // autossh's messages carry no exceptions; sshkeep's might, and one line keeps the format.
        if (exception is not null) text = $"{text}: {exception.Message}";
        target.Write(severity, text);
    }
}
