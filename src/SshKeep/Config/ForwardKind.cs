namespace SshKeep.Config;

internal enum ForwardKind
{
    Local,
    Remote,
    Dynamic,
}
