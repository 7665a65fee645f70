namespace SshKeep.Health;

/// <summary>What <c>ssh -G</c> printed: <c>keyword value</c> lines, some keywords on several lines
/// (<c>identityfile</c>), some with several values on one (<c>userknownhostsfile</c>).</summary>
internal sealed class SshGOutput
{
    private readonly Dictionary<string, List<string>> _values;

    private SshGOutput(Dictionary<string, List<string>> values) => _values = values;

    public static SshGOutput Parse(string output)
    {
        var values = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var raw in output.Split('\n'))
        {
            var line = raw.Trim();
            var space = line.IndexOfAny([' ', '\t']);
            if (space <= 0) continue;
            var keyword = line[..space];
            if (!values.TryGetValue(keyword, out var list)) values[keyword] = list = [];
            list.Add(line[(space + 1)..].Trim());
        }

        return new SshGOutput(values);
    }

    public string? First(string keyword) => _values.TryGetValue(keyword, out var list) ? list[0] : null;

    public IReadOnlyList<string> All(string keyword) => _values.TryGetValue(keyword, out var list) ? list : [];

    public int? Number(string keyword) =>
        int.TryParse(First(keyword), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    public IReadOnlyList<string> Words(string keyword) =>
        [.. All(keyword).SelectMany(v => v.Split(' ', StringSplitOptions.RemoveEmptyEntries))];

    public bool IsNone(string keyword) => First(keyword) is null or "none";
}
