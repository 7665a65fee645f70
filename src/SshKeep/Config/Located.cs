namespace SshKeep.Config;

/// <summary>So that later checks (merging with defaults, rules between fields or tunnels) can point at the right line.</summary>
internal readonly record struct Located<T>(T Value, ConfigNode Node, string Path);
