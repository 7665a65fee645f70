using System.Globalization;

namespace SshKeep.Logging;

/// <summary>
/// A time span as the daemon's log lines and systemd STATUS= line show it: short and exact
/// enough to act on ("4s", "1.5s", "3m12s", "2h5m", "3d4h"). In JSON logs the same value is a
/// number of seconds. Pass it to <see cref="DaemonLog"/> methods wherever a duration is logged;
/// a bare <see cref="TimeSpan"/> would print as "00:03:12".
/// </summary>
public readonly record struct DaemonDuration(TimeSpan Value) : ISpanFormattable
{
    public static DaemonDuration FromSeconds(double seconds) => new(TimeSpan.FromSeconds(seconds));

    public static implicit operator DaemonDuration(TimeSpan value) => new(value);

    /// <summary>Seconds, rounded to the millisecond (the JSON value).</summary>
    public double TotalSeconds => Math.Round(Value.TotalSeconds, 3);

    /// <summary>
    /// Under 10 s: tenths, without a trailing ".0" (back-off waits are jittered, and "0s" for a
    /// 0.4 s wait would be wrong); under a minute: whole seconds; then the two largest units, the
    /// smaller dropped when zero. Negative spans print as "0s" (a deadline already passed).
    /// </summary>
    public override string ToString() => ToString(null, null);

    public string ToString(string? format, IFormatProvider? formatProvider)
    {
        Span<char> buffer = stackalloc char[32];
        return TryFormat(buffer, out int written, format, formatProvider)
            ? new string(buffer[..written])
            : Value.ToString();
    }

    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
    {
        var ic = CultureInfo.InvariantCulture;
        TimeSpan v = Value < TimeSpan.Zero ? TimeSpan.Zero : Value;
        if (v < TimeSpan.FromSeconds(9.95))
        {
            double tenths = Math.Round(v.TotalSeconds, 1, MidpointRounding.AwayFromZero);
            return destination.TryWrite(ic, $"{tenths:0.#}s", out charsWritten);
        }
        if (v < TimeSpan.FromSeconds(59.5))
        {
            return destination.TryWrite(ic, $"{Math.Round(v.TotalSeconds, MidpointRounding.AwayFromZero):0}s", out charsWritten);
        }
        // Round to whole seconds first so 59.6 s reads "1m", not "0m60s".
        long seconds = (long)Math.Round(v.TotalSeconds, MidpointRounding.AwayFromZero);
        if (seconds < 3600) return TwoUnits(destination, out charsWritten, seconds / 60, 'm', seconds % 60, 's');
        long minutes = (seconds + 30) / 60;
        if (minutes < 24 * 60) return TwoUnits(destination, out charsWritten, minutes / 60, 'h', minutes % 60, 'm');
        long hours = (minutes + 30) / 60;
        return TwoUnits(destination, out charsWritten, hours / 24, 'd', hours % 24, 'h');
    }

    private static bool TwoUnits(Span<char> destination, out int charsWritten, long big, char bigUnit, long small, char smallUnit) =>
        small == 0
            ? destination.TryWrite(CultureInfo.InvariantCulture, $"{big}{bigUnit}", out charsWritten)
            : destination.TryWrite(CultureInfo.InvariantCulture, $"{big}{bigUnit}{small}{smallUnit}", out charsWritten);
}
