namespace SshKeep.Config;

/// <summary>A node the reader refused and reported (an alias, a tag): the schema neither reports it again nor calls a
/// required key missing.</summary>
internal sealed record ConfigRefused(int Line, int Column) : ConfigNode(Line, Column);
