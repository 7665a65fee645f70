using Microsoft.Extensions.Logging;

namespace SshKeep.Logging;

/// <summary>
/// One category's logger; every logger of a provider writes to its one stream. The tunnel name
/// comes from the event's structured state: each per-tunnel <see cref="DaemonLog"/> method takes
/// <c>string tunnel</c> as its first parameter, which the logging generator stores under the key
/// "tunnel". Scopes are not used: a name passed explicitly cannot be lost across an await.
/// </summary>
internal sealed class DaemonLogger(DaemonLoggerProvider provider) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => provider.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
        Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (!provider.IsEnabled(logLevel)) return;
        var properties = state as IReadOnlyList<KeyValuePair<string, object?>>;
        string? tunnel = null;
        if (properties is not null)
        {
            for (int i = 0; i < properties.Count; i++)
            {
                var (key, value) = properties[i];
                if (value is string name && DaemonLogFormatter.IsTunnelKey(key))
                {
                    tunnel = name;
                    break;
                }
            }
        }
        provider.Write(new DaemonLogEntry(provider.Now(), logLevel, eventId, tunnel,
            formatter(state, exception), properties, exception));
    }
}
