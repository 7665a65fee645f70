namespace SshKeep.Config;

/// <summary>Collects every error of one load, so the user sees them all at once (design: config).</summary>
internal sealed class ConfigErrorSink(string file)
{
    private readonly List<ConfigError> errors = [];

    public string File => file;

    public bool HasErrors => errors.Count > 0;

    public void Add(ConfigNode node, string key, string message) => Add(node.Line, node.Column, key, message);

    public void Add(int line, int column, string key, string message) =>
        errors.Add(new ConfigError(file, line, column, key, message));

    /// <summary>In file order, each once: a mistake in <c>defaults</c> is found once per tunnel
    /// that inherits it, and is still one mistake.</summary>
    public IReadOnlyList<ConfigError> ToList() =>
        [.. errors.Distinct().OrderBy(e => e.Line).ThenBy(e => e.Column).ThenBy(e => e.Key, StringComparer.Ordinal)];
}
