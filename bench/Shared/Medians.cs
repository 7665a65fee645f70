namespace SshKeep.Bench;

/// <summary>Medians for the reports: of the values that are there (a trial that never got there has none).</summary>
internal static class Medians
{
    /// <summary>The median of the values that are there; null when none is.</summary>
    public static TimeSpan? Of(IEnumerable<TimeSpan?> values)
    {
        var sorted = values.OfType<TimeSpan>().Order().ToList();
        if (sorted.Count == 0) return null;
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>The median count (the lower middle when there are two); 0 when there are none.</summary>
    public static int Of(IEnumerable<int> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted[(sorted.Count - 1) / 2];
    }
}
