namespace SshKeep.Config;

/// <summary>What one map of the file set, by key path; a tunnel's layer lies over the one of <c>defaults</c>.</summary>
internal sealed class ConfigLayer(ConfigLayer? under = null)
{
    public Dictionary<string, Located<object?>> Values { get; } = new(StringComparer.Ordinal);

    /// <summary>Keys written, valid or not, and those a misspelt key was taken for: not reported again as missing.</summary>
    public HashSet<string> Written { get; } = new(StringComparer.Ordinal);

    /// <summary>None was unknown or had a bad value.</summary>
    public bool Complete => Written.All(Values.ContainsKey);

    public Located<object?>? Own(string path) => Values.TryGetValue(path, out var value) ? value : null;

    /// <summary>Null when neither this layer nor the one below sets it.</summary>
    public Located<object?>? Get(ConfigKey key) =>
        key.Merge is { } merge ? merge(Own(key.Path), under?.Own(key.Path)) : Own(key.Path) ?? under?.Own(key.Path);

    public T Apply<T>(T record, IEnumerable<ConfigKey> keys)
        where T : notnull
    {
        foreach (var key in keys)
        {
            if (key.Set is { } set && Get(key) is { } value) record = (T)set(record, value.Value);
        }

        return record;
    }

    /// <summary>Else the key's built-in default.</summary>
    public T Value<T>(string path) => (T)(Get(ConfigKeys.Get(path))?.Value ?? ConfigKeys.Get(path).Default)!;
}
