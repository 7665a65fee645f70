using Microsoft.Extensions.Logging;

namespace SshKeep.Logging;

/// <summary>The level names of <c>--log-level</c> and of the <c>level</c> field of JSON lines.</summary>
internal static class DaemonLogLevels
{
    /// <summary>What <c>--log-level</c> accepts, least to most severe (for help text and errors).</summary>
    public static IReadOnlyList<string> Names { get; } = ["trace", "debug", "info", "warn", "error", "critical"];

    /// <summary>Reads a <c>--log-level</c> value; the long .NET names ("information", "warning")
    /// are accepted too, in any case.</summary>
    public static bool TryParse(string? text, out LogLevel level)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "trace": level = LogLevel.Trace; return true;
            case "debug": level = LogLevel.Debug; return true;
            case "info" or "information": level = LogLevel.Information; return true;
            case "warn" or "warning": level = LogLevel.Warning; return true;
            case "error": level = LogLevel.Error; return true;
            case "critical": level = LogLevel.Critical; return true;
            default: level = LogLevel.None; return false;
        }
    }

    /// <summary>The JSON <c>level</c> value: one of <see cref="Names"/>.</summary>
    public static string JsonName(LogLevel level) => level switch
    {
        LogLevel.Trace => "trace",
        LogLevel.Debug => "debug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "error",
        _ => "critical",
    };

    /// <summary>The text format's level column: five characters, so messages line up.</summary>
    public static string TextName(LogLevel level) => level switch
    {
        LogLevel.Trace => "TRACE",
        LogLevel.Debug => "DEBUG",
        LogLevel.Information => "INFO ",
        LogLevel.Warning => "WARN ",
        LogLevel.Error => "ERROR",
        _ => "CRIT ",
    };
}
