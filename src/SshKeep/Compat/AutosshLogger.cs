using Microsoft.Extensions.Logging;
using SshKeep.Logging;

namespace SshKeep.Compat;

/// <summary>
/// One category's logger. autossh has a single log stream, so the category is ignored and every
/// logger of a provider writes to the same target.
/// </summary>
internal sealed class AutosshLogger(IAutosshLogTarget target, int maxSeverity) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    /// <summary>R85: written when the syslog severity is at most the configured level.</summary>
    public bool IsEnabled(LogLevel logLevel) =>
        SyslogSeverity.FromLogLevel(logLevel) is { } severity && severity <= maxSeverity;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
        Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (SyslogSeverity.FromLogLevel(logLevel) is not { } severity || severity > maxSeverity) return;
        string text = formatter(state, exception);
        // autossh's messages carry no exceptions; sshkeep's might, and one line keeps the format.
        if (exception is not null) text = $"{text}: {exception.Message}";
        target.Write(severity, text);
    }
}
