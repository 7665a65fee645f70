namespace SshKeep.Config;

/// <summary>Scalar keys in file order, without duplicates (the reader reported and dropped them).</summary>
internal sealed record ConfigMapping(int Line, int Column, IReadOnlyList<ConfigMappingEntry> Entries) : ConfigNode(Line, Column);
