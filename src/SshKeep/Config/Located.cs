namespace SshKeep.Config;

/// <summary>A value read from the file with the node it came from, so later checks (merging with
/// defaults, cross-field rules, clashes between tunnels) can point at the right line.</summary>
internal readonly record struct Located<T>(T Value, ConfigNode Node, string Path);
