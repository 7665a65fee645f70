namespace SshKeep.Config;

/// <summary>The message for a key a section does not accept: the closest known key when there is
/// one, an ssh keyword sent to <c>ssh_options</c>, or the list of what is accepted.</summary>
internal static class UnknownKeys
{
    /// <summary>Reports <paramref name="entry"/>'s key as unknown and returns the key suggested
    /// instead, if any: a misspelt required key is then not also reported as missing.</summary>
    public static string? Report(ConfigMappingEntry entry, IReadOnlyList<string> known, ConfigErrorSink errors, bool isSection = false)
    {
        var key = entry.Name;
        var quoted = ConfigText.Key(key);
        var suggestion = KeySuggestion.Closest(key, known);
        var message = suggestion is not null ? $"unknown key {quoted}; did you mean {ConfigText.Key(suggestion)}?"
            : isSection && SshKeywords.IsKnown(key) ? $"unknown key {quoted}; it is an ssh option: put it under `ssh_options`"
            : $"unknown key {quoted}; accepted keys: {string.Join(", ", known)}";
        errors.Add(entry.Key, entry.Path, message);
        return suggestion;
    }
}
