namespace SshKeep.Health;

/// <summary><c>ssh -G</c>'s <c>keyword value</c> lines; a keyword may repeat, a value may hold several words.</summary>
internal sealed class SshGOutput(Dictionary<string, List<string>> values)
{
    public static SshGOutput Parse(string output)
    {
        var byKeyword = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var raw in output.Split('\n'))
        {
            var line = raw.Trim();
            var space = line.IndexOfAny([' ', '\t']);
            if (space <= 0) continue;
            var keyword = line[..space];
            if (!byKeyword.TryGetValue(keyword, out var list)) byKeyword[keyword] = list = [];
            list.Add(line[(space + 1)..].Trim());
        }

        return new SshGOutput(byKeyword);
    }

    public string? First(string keyword) => values.TryGetValue(keyword, out var list) ? list[0] : null;

    public IReadOnlyList<string> All(string keyword) => values.TryGetValue(keyword, out var list) ? list : [];

    public int? Number(string keyword) =>
        int.TryParse(First(keyword), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    public IReadOnlyList<string> Words(string keyword) =>
        [.. All(keyword).SelectMany(v => v.Split(' ', StringSplitOptions.RemoveEmptyEntries))];

    public bool IsNone(string keyword) => First(keyword) is null or "none";
}
