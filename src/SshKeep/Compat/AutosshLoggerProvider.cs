using SshKeep.Logging;

namespace SshKeep.Compat;

/// <summary>Logs like autossh 1.4g (docs/autossh-rules.md R84–R86); owns its target.</summary>
internal sealed class AutosshLoggerProvider(IAutosshLogTarget target, int logLevel) : ILoggerProvider, ILogger
{
    /// <summary>R84; owns <paramref name="logFile"/> from now on.</summary>
    /// <param name="environment">Null before the environment was read (R29, R84).</param>
    public static AutosshLoggerProvider Create(string programName, CompatEnvironment? environment, Stream? logFile,
        TextWriter stderr, TimeProvider time, string syslogSocketPath = SyslogLogTarget.DefaultSocketPath)
    {
        // R80
        Func<int> pid = () => Environment.ProcessId;
        IAutosshLogTarget target = environment is null ? new SyslogLogTarget(programName, null, time, syslogSocketPath)
            : logFile is not null ? new LogFileTarget(logFile, programName, pid, time)
            : new SyslogLogTarget(programName, pid, time, syslogSocketPath, environment.Debug ? stderr : null);
        return new AutosshLoggerProvider(target, environment?.LogLevel ?? SyslogSeverity.Information);
    }

    public ILogger CreateLogger(string categoryName) => this;

    public void Dispose() => target.Dispose();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    /// <summary>R85.</summary>
    public bool IsEnabled(LogLevel level) => SyslogSeverity.FromLogLevel(level) is { } severity && severity <= logLevel;

    public void Log<TState>(LogLevel level, EventId eventId, TState state, Exception? exception,
        Func<TState, Exception?, string> formatter)
    {
        if (SyslogSeverity.FromLogLevel(level) is not { } severity || severity > logLevel) return;
        string text = formatter(state, exception);
        // sshkeep's messages might carry exceptions; one line keeps the format.
        if (exception is not null) text = $"{text}: {exception.Message}";
        target.Write(severity, text);
    }
}
