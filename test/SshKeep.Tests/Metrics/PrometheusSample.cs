namespace SshKeep.Tests.Metrics;

/// <summary>One parsed sample line: its name, labels in written order, value, and line number.</summary>
public sealed record PrometheusSample(string Name, IReadOnlyList<KeyValuePair<string, string>> Labels, double Value, int Line)
{
    public string? Label(string name) => Labels.Where(l => l.Key == name).Select(l => l.Value).FirstOrDefault();

    /// <summary>The sample has every one of <paramref name="labels"/> (and maybe others).</summary>
    public bool Has(params (string Name, string Value)[] labels) => labels.All(l => Label(l.Name) == l.Value);
}
