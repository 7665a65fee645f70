using Microsoft.Extensions.Logging;
using SshKeep.Logging;

namespace SshKeep.Compat;

/// <summary>
/// Logs like autossh 1.4g (spec R84–R86): to syslog by default (with a stderr copy under
/// AUTOSSH_DEBUG), or only to AUTOSSH_LOGFILE; filtered by the syslog level (R85). Thread-safe;
/// all loggers share one target (autossh has a single log stream), which the provider owns.
/// </summary>
internal sealed class AutosshLoggerProvider(IAutosshLogTarget target, int logLevel) : ILoggerProvider
{
    public AutosshLoggerProvider(AutosshLogSettings settings)
        : this(CreateTarget(settings), settings.LogLevel)
    {
    }

    public ILogger CreateLogger(string categoryName) => new Logger(target, logLevel);

    public void Dispose() => target.Dispose();

    private static IAutosshLogTarget CreateTarget(AutosshLogSettings settings)
    {
        if (settings.LogFile is { } file)
        {
            return new LogFileTarget(file, settings.ProgramName, settings.ProcessId, settings.TimeProvider);
        }
        return new SyslogLogTarget(
            settings.ProgramName,
            settings.SyslogIncludesPid ? settings.ProcessId : null,
            settings.TimeProvider,
            settings.SyslogSocketPath,
            settings.Debug ? settings.Stderr ?? Console.Error : null);
    }

    private sealed class Logger(IAutosshLogTarget target, int maxSeverity) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        /// <summary>R85: written when the syslog severity is at most the configured level.</summary>
        public bool IsEnabled(LogLevel logLevel) =>
            SyslogSeverity.FromLogLevel(logLevel) is { } severity && severity <= maxSeverity;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter)
        {
            if (SyslogSeverity.FromLogLevel(logLevel) is not { } severity || severity > maxSeverity) return;
            string text = formatter(state, exception);
            // autossh's messages carry no exceptions; sshkeep's might, and one line keeps the format.
            if (exception is not null) text = $"{text}: {exception.Message}";
            target.Write(severity, text);
        }
    }
}
