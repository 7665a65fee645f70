namespace SshKeep.Daemon;

/// <summary>Limits of the control socket (docs/daemon.md "Control protocol"); tests shorten them.</summary>
internal sealed record ControlServerOptions
{
    /// <summary>The socket's path (<see cref="InstancePaths.SocketPath"/>); at most 107 bytes.</summary>
    public required string SocketPath { get; init; }

    /// <summary>Longest request line, newline excluded. Requests are tiny; this only bounds memory.</summary>
    public int MaxRequestBytes { get; init; } = 64 * 1024;

    /// <summary>How long a client may take to send its request line after connecting.</summary>
    public TimeSpan ReadTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long sending the answer may take (a client that does not read).</summary>
    public TimeSpan WriteTimeout { get; init; } = TimeSpan.FromSeconds(5);

    public int MaxConnections { get; init; } = 32;

    /// <summary>How long disposal waits for answers already being prepared or sent.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Tests only: called with the socket's path right after bind, where a racer with write
    /// access to the directory could act (docs/security.md, the control socket row).</summary>
    internal Action<string>? AfterBind { get; init; }
}
