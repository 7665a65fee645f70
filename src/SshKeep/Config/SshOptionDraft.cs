namespace SshKeep.Config;

/// <summary>A null <paramref name="Value"/> (in a tunnel) removes the option inherited from <c>defaults</c>.</summary>
internal sealed record SshOptionDraft(string Key, string? Value, ConfigNode KeyNode, string Path);
