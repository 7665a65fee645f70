namespace SshKeep.Config;

/// <summary>One <c>key: value</c> of a map. <paramref name="Path"/> is the dotted key path of the value.</summary>
internal sealed record ConfigMappingEntry(ConfigScalar Key, ConfigNode Value, string Path)
{
    public string Name => Key.Value;
}
