namespace SshKeep.Config;

internal sealed record ConfigSequence(int Line, int Column, IReadOnlyList<ConfigNode> Items) : ConfigNode(Line, Column);
