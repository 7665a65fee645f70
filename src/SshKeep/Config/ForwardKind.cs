namespace SshKeep.Config;

/// <summary><c>-L</c>, <c>-R</c>, <c>-D</c> (docs/config.md, "forwards").</summary>
internal enum ForwardKind
{
    Local,
    Remote,
    Dynamic,
}
