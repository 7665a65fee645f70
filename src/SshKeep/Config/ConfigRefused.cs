namespace SshKeep.Config;

/// <summary>A node the reader refused and already reported (an alias, a tagged value). It stands in
/// for the value so that the schema neither reports it again nor calls a required key missing.</summary>
internal sealed record ConfigRefused(int Line, int Column) : ConfigNode(Line, Column);
