namespace SshKeep.Daemon;

/// <summary>Limits of the control socket (docs/daemon.md "Control protocol"); tests shorten them.</summary>
internal sealed record ControlServerOptions
{
    public required string SocketPath { get; init; }

    /// <summary>Newline excluded. Requests are tiny; this only bounds memory.</summary>
    public int MaxRequestBytes { get; init; } = 64 * 1024;

    public TimeSpan ReadTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>For a client that does not read.</summary>
    public TimeSpan WriteTimeout { get; init; } = TimeSpan.FromSeconds(5);

    public int MaxConnections { get; init; } = 32;

    /// <summary>How long disposal waits for answers in flight.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Tests only: called with the socket's path right after bind, where a racer with write
    /// access to the directory could act (docs/security.md, the control socket row).</summary>
    internal Action<string>? AfterBind { get; init; }
}
