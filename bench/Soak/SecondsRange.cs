using System.Globalization;

namespace SshKeep.Bench.Soak;

/// <summary>How long an outage lasts: drawn uniformly between <paramref name="Min"/> and <paramref name="Max"/> seconds.</summary>
internal readonly record struct SecondsRange(double Min, double Max)
{
    public TimeSpan Draw(Random random) => TimeSpan.FromSeconds(Math.Round(Min + (random.NextDouble() * (Max - Min)), 1));

    /// <summary>"1–30 s", as the report and --help write it.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Min:0.#}–{Max:0.#} s");

    /// <summary>"MIN-MAX" in seconds (whole or decimal), MIN ≥ 0.5, MAX ≥ MIN, MAX ≤ 600; null when it is not.</summary>
    public static SecondsRange? Parse(string text)
    {
        var parts = text.Split('-', StringSplitOptions.TrimEntries);
        if (parts.Length != 2) return null;
        if (!double.TryParse(parts[0], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var min) ||
            !double.TryParse(parts[1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var max)) return null;
        return min >= 0.5 && max >= min && max <= 600 ? new SecondsRange(min, max) : null;
    }
}
