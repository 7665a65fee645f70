namespace SshKeep.Logging;

/// <summary>The level names of <c>--log-level</c>, of the <c>level</c> field of JSON lines and of the text column.</summary>
internal static class DaemonLogLevels
{
    // Least to most severe; the text column is five characters so that messages line up.
    private static readonly (LogLevel Level, string Name, string Text, string? LongName)[] Table =
    [
        (LogLevel.Trace, "trace", "TRACE", null),
        (LogLevel.Debug, "debug", "DEBUG", null),
        (LogLevel.Information, "info", "INFO ", "information"),
        (LogLevel.Warning, "warn", "WARN ", "warning"),
        (LogLevel.Error, "error", "ERROR", null),
        (LogLevel.Critical, "critical", "CRIT ", null),
    ];

    /// <summary>What <c>--log-level</c> accepts, least to most severe (for help text and errors).</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Table.Select(row => row.Name)];

    /// <summary>The long .NET names ("information", "warning") are accepted too, in any case.</summary>
    public static bool TryParse(string? text, out LogLevel level)
    {
        var name = text?.Trim().ToLowerInvariant();
        var row = Array.Find(Table, row => row.Name == name || (name is not null && row.LongName == name));
        level = row.Name is null ? LogLevel.None : row.Level;
        return row.Name is not null;
    }

    public static string JsonName(LogLevel level) => Row(level).Name;

    public static string TextName(LogLevel level) => Row(level).Text;

    // Anything above Error (Critical, None) reads as critical.
    private static (LogLevel Level, string Name, string Text, string? LongName) Row(LogLevel level) =>
        Table[Math.Min((int)level, Table.Length - 1)];
}
