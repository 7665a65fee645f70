namespace SshKeep.Demo;

/// <summary>How one <see cref="EchoProbe"/> attempt ended: what a client of the tunnel would have seen.</summary>
internal enum EchoOutcome
{
    Ok,

    /// <summary>connect() was refused: nothing listened on the port.</summary>
    Refused,

    /// <summary>The connection was reset, or failed otherwise at the socket level.</summary>
    Reset,

    /// <summary>The connection ended (or carried other bytes) before the echo came back.</summary>
    Closed,

    Timeout,
}
