namespace SshKeep.Logging;

/// <summary>A time span for <see cref="DaemonLog"/> and systemd's STATUS= (a bare <see cref="TimeSpan"/> would
/// print "00:03:12"): <see cref="DurationText"/>'s form, with tenths under ten seconds ("1.5s"); seconds in JSON logs.</summary>
internal readonly record struct DaemonDuration(TimeSpan Value)
{
    public static implicit operator DaemonDuration(TimeSpan value) => new(value);

    /// <summary>Seconds, rounded to the millisecond (the JSON value).</summary>
    public double TotalSeconds => Math.Round(Value.TotalSeconds, 3);

    /// <summary>Tenths: back-off waits are jittered, "0s" for 0.4 s would be wrong. A passed deadline is "0s".</summary>
    public override string ToString()
    {
        TimeSpan v = Value < TimeSpan.Zero ? TimeSpan.Zero : Value;
        if (v < TimeSpan.FromSeconds(9.95))
        {
            double tenths = Math.Round(v.TotalSeconds, 1, MidpointRounding.AwayFromZero);
            return string.Create(CultureInfo.InvariantCulture, $"{tenths:0.#}s");
        }
        // Round to whole seconds first so 59.6 s reads "1m00s", not "0m60s".
        return DurationText.Format((long)Math.Round(v.TotalSeconds, MidpointRounding.AwayFromZero));
    }
}
