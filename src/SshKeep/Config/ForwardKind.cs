namespace SshKeep.Config;

/// <summary>The three kinds of ssh port forwarding: <c>-L</c> listens here and connects from the
/// server, <c>-R</c> the other way round, <c>-D</c> is a SOCKS proxy here.</summary>
internal enum ForwardKind
{
    Local,
    Remote,
    Dynamic,
}
