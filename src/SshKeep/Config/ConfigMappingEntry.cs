namespace SshKeep.Config;

/// <summary><paramref name="Path"/> is the dotted key path of the value.</summary>
internal sealed record ConfigMappingEntry(ConfigScalar Key, ConfigNode Value, string Path)
{
    public string Name => Key.Value;
}
