namespace SshKeep.Config;

/// <summary>The first <see cref="MaxReported"/> errors in file order, each once, and a count of the rest, never kept: a
/// hostile file of many mistakes costs no memory in proportion.</summary>
internal sealed class ConfigErrorSink(string file)
{
    /// <summary>More than a person reads, far fewer than a hostile file makes.</summary>
    public const int MaxReported = 100;

    // The kept errors twice: in file order (ties as found), and as a set to recognise a repeat.
    private readonly SortedSet<(ConfigError Error, int Found)> errors = new(FileOrder);
    private readonly HashSet<ConfigError> kept = [];
    private int found;
    private int more;

    public bool HasErrors => errors.Count > 0;

    /// <summary>One inherited from <c>defaults</c> counts per tunnel.</summary>
    public int More => more;

    /// <summary>Every error added, repeats too.</summary>
    public int Found => found;

    public void Add(ConfigNode node, string key, string message) => Add(node.Line, node.Column, key, message);

    public void Add(int line, int column, string key, string message)
    {
        var error = (new ConfigError(file, line, column, key, message), found++);
        // A mistake in defaults is found once per tunnel that inherits it, and is still one mistake.
        if (kept.Contains(error.Item1)) return;
        if (errors.Count >= MaxReported)
        {
            more++;
            // Errors are found mostly, not strictly, in file order: an earlier one takes the place of the last kept.
            var last = errors.Max;
            if (FileOrder.Compare(error, last) >= 0) return;
            errors.Remove(last);
            kept.Remove(last.Error);
        }

        errors.Add(error);
        kept.Add(error.Item1);
    }

    public IReadOnlyList<ConfigError> ToList() => [.. errors.Select(e => e.Error)];

    private static readonly Comparer<(ConfigError Error, int Found)> FileOrder =
        Comparer<(ConfigError Error, int Found)>.Create((x, y) =>
        {
            var order = x.Error.Line.CompareTo(y.Error.Line);
            if (order == 0) order = x.Error.Column.CompareTo(y.Error.Column);
            if (order == 0) order = string.CompareOrdinal(x.Error.Key, y.Error.Key);
            return order != 0 ? order : x.Found.CompareTo(y.Found);
        });
}
