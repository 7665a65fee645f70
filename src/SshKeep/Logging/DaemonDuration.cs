namespace SshKeep.Logging;

/// <summary>A time span for <see cref="DaemonLog"/> and systemd's STATUS= (a bare <see cref="TimeSpan"/> would
/// print "00:03:12"): <see cref="DurationText"/>'s form, with tenths under ten seconds ("1.5s"); seconds in JSON logs.</summary>
internal readonly record struct DaemonDuration(TimeSpan Value) : ISpanFormattable
{
    public static DaemonDuration FromSeconds(double seconds) => new(TimeSpan.FromSeconds(seconds));

    public static implicit operator DaemonDuration(TimeSpan value) => new(value);

    /// <summary>Seconds, rounded to the millisecond (the JSON value).</summary>
    public double TotalSeconds => Math.Round(Value.TotalSeconds, 3);

    public override string ToString() => ToString(null, null);

    public string ToString(string? format, IFormatProvider? formatProvider)
    {
        Span<char> buffer = stackalloc char[32];
        return TryFormat(buffer, out int written, format, formatProvider) ? new string(buffer[..written]) : Value.ToString();
    }

    /// <summary>Tenths because back-off waits are jittered ("0s" for a 0.4 s wait would be wrong); a passed deadline is "0s".</summary>
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
    {
        var ic = CultureInfo.InvariantCulture;
        TimeSpan v = Value < TimeSpan.Zero ? TimeSpan.Zero : Value;
        if (v < TimeSpan.FromSeconds(9.95))
        {
            double tenths = Math.Round(v.TotalSeconds, 1, MidpointRounding.AwayFromZero);
            return destination.TryWrite(ic, $"{tenths:0.#}s", out charsWritten);
        }
        // Round to whole seconds first so 59.6 s reads "1m00s", not "0m60s".
        long seconds = (long)Math.Round(v.TotalSeconds, MidpointRounding.AwayFromZero);
        return destination.TryWrite(ic, $"{DurationText.Format(seconds)}", out charsWritten);
    }
}
