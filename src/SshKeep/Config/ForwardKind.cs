namespace SshKeep.Config;

/// <summary>The three kinds of ssh port forwarding.</summary>
internal enum ForwardKind
{
    /// <summary><c>-L [bind:]port:host:hostport</c>: listen here, connect from the server.</summary>
    Local,

    /// <summary><c>-R [bind:]port:host:hostport</c>: listen on the server, connect from here.</summary>
    Remote,

    /// <summary><c>-D [bind:]port</c>: a SOCKS proxy here.</summary>
    Dynamic,
}
