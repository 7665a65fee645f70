namespace SshKeep.Config;

/// <summary>One <c>ssh_options</c> entry as read. <paramref name="Value"/> null (a null value in a
/// tunnel) removes the option the tunnel would inherit from <c>defaults</c>.</summary>
internal sealed record SshOptionDraft(string Key, string? Value, ConfigNode KeyNode, string Path);
