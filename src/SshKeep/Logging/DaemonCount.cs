using System.Globalization;

namespace SshKeep.Logging;

/// <summary>
/// A number of things as the daemon's log lines show it, with its noun in the right number:
/// "1 tunnel", "3 tunnels", "0 errors". In JSON logs the same value is the bare number (as
/// <see cref="DaemonDuration"/> is seconds), so scripts keep reading a count. Pass it to
/// <see cref="DaemonLog"/> methods wherever a count is followed by what it counts; a bare int
/// would read "starting 1 tunnels".
/// </summary>
internal readonly record struct DaemonCount(int Value, string One, string Many) : ISpanFormattable
{
    public static DaemonCount Tunnels(int value) => new(value, "tunnel", "tunnels");

    public static DaemonCount Errors(int value) => new(value, "error", "errors");

    public static DaemonCount Lines(int value) => new(value, "line", "lines");

    public static DaemonCount Times(int value) => new(value, "time", "times");

    public override string ToString() => ToString(null, null);

    public string ToString(string? format, IFormatProvider? formatProvider) =>
        string.Create(CultureInfo.InvariantCulture, $"{Value} {(Value == 1 ? One : Many)}");

    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider) =>
        destination.TryWrite(CultureInfo.InvariantCulture, $"{Value} {(Value == 1 ? One : Many)}", out charsWritten);
}
