using Microsoft.Extensions.Logging;

namespace SshKeep.Compat;

/// <summary>
/// Logs like autossh 1.4g (spec R84–R86): to syslog by default (with a stderr copy under
/// AUTOSSH_DEBUG), or only to AUTOSSH_LOGFILE; filtered by the syslog level (R85). Error maps to
/// LOG_ERR (3), Warning to LOG_WARNING (4), Information to LOG_INFO (6), Debug and Trace to
/// LOG_DEBUG (7). Thread-safe; all loggers share one target, which the provider owns.
/// </summary>
internal sealed class AutosshLoggerProvider : ILoggerProvider
{
    private readonly IAutosshLogTarget _target;
    private readonly int _logLevel;

    public AutosshLoggerProvider(AutosshLogSettings settings)
        : this(CreateTarget(settings), settings.LogLevel)
    {
    }

    /// <summary>The common case: syslog at <c>/dev/log</c> (copied to stderr when
    /// <paramref name="debug"/>), or only <paramref name="logFile"/> when given.</summary>
    public AutosshLoggerProvider(string programName, Func<int> processId, Stream? logFile, int logLevel,
        bool debug, TimeProvider timeProvider)
        : this(new AutosshLogSettings
        {
            ProgramName = programName,
            ProcessId = processId,
            LogFile = logFile,
            LogLevel = logLevel,
            Debug = debug,
            TimeProvider = timeProvider,
        })
    {
    }

    /// <summary>Any target (owned by the provider from now on) with the R85 level filter.</summary>
    public AutosshLoggerProvider(IAutosshLogTarget target, int logLevel)
    {
        ArgumentNullException.ThrowIfNull(target);
        _target = target;
        _logLevel = logLevel;
    }

    public ILogger CreateLogger(string categoryName) => new AutosshLogger(_target, _logLevel);

    public void Dispose() => _target.Dispose();

    private static IAutosshLogTarget CreateTarget(AutosshLogSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
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
}
