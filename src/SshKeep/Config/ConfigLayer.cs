namespace SshKeep.Config;

/// <summary>What one map of the file set (the top level, <c>defaults</c> or one tunnel), each value with where it was
/// set, by the path of its key in <see cref="ConfigKeys.All"/>; unset keys are absent. A tunnel's layer lies over the
/// one of <c>defaults</c>. Layers exist only inside one load.</summary>
internal sealed class ConfigLayer(ConfigLayer? under = null)
{
    public Dictionary<string, Located<object?>> Values { get; } = new(StringComparer.Ordinal);

    /// <summary>Paths of the keys written, valid or not, and of those a misspelt key was taken for:
    /// a key that was written wrongly was reported already and must not be reported again as missing.</summary>
    public HashSet<string> Written { get; } = new(StringComparer.Ordinal);

    /// <summary>Every key written was read: none was unknown or had a bad value.</summary>
    public bool Complete => Written.All(Values.ContainsKey);

    /// <summary>The value this layer set for <paramref name="path"/>.</summary>
    public Located<object?>? Own(string path) => Values.TryGetValue(path, out var value) ? value : null;

    /// <summary>This layer's value over the one below it, by the key's merge; null when neither sets it.</summary>
    public Located<object?>? Get(ConfigKey key) =>
        key.Merge is { } merge ? merge(Own(key.Path), under?.Own(key.Path)) : Own(key.Path) ?? under?.Own(key.Path);

    /// <summary><paramref name="record"/> (built-in defaults) with the value of each of
    /// <paramref name="keys"/> that this layer or the one below sets put in its place.</summary>
    public T Apply<T>(T record, IEnumerable<ConfigKey> keys)
        where T : notnull
    {
        foreach (var key in keys)
        {
            if (key.Set is { } set && Get(key) is { } value) record = (T)set(record, value.Value);
        }

        return record;
    }

    /// <summary>The value for <paramref name="path"/> here or below, else the key's built-in default.</summary>
    public T Value<T>(string path) => (T)(Get(ConfigKeys.Get(path))?.Value ?? ConfigKeys.Get(path).Default)!;
}
