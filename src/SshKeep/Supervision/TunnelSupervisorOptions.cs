using SshKeep.Config;
using SshKeep.Health;
using SshKeep.Ssh;

namespace SshKeep.Supervision;

/// <summary>What a <see cref="TunnelSupervisor"/> is wired to besides its config.</summary>
internal sealed record TunnelSupervisorOptions
{
    /// <summary>How ssh is started for the tunnel and one of its destinations.</summary>
    public required Func<TunnelConfig, string, SshStartInfo> StartInfoFor { get; init; }

    /// <summary>True when a local listen port (-L/-D) accepts connections: the forward is set up.</summary>
    public required Func<ForwardSpec, CancellationToken, Task<bool>> ListenerAccepts { get; init; }

    /// <summary>One end-to-end probe of one forward (the bool: through its local listener too,
    /// <see cref="ProbeSchedule.ChecksListeners"/>); null turns probes off (up once the session is ready).</summary>
    public Func<TunnelConfig, ForwardSpec, bool, CancellationToken, Task<ProbeResult>>? ProbeForward { get; init; }

    /// <summary>Null turns the reachability-gated wait and the stuck-connect restart off.</summary>
    public IServerReachability? Reachability { get; init; }

    /// <summary>Claims a running ssh's connection to its server (tunnels with -R forwards,
    /// <see cref="SessionSocketClaim"/>); null: never (fake ssh processes in tests).</summary>
    public Func<int, SessionSocketClaim?>? ClaimSessionSocket { get; init; }

    /// <summary>Names the process holding a local TCP port ("held by pid 812 (python3)"), or null.</summary>
    public Func<int, string?>? DescribePortHolder { get; init; }

    /// <summary>Runs just before each ssh start (removes a control socket a killed ssh left
    /// behind: ssh would otherwise refuse to be the master and the probes would fail).</summary>
    public Action<TunnelConfig>? BeforeStart { get; init; }

    /// <summary>One for all the daemon's tunnels; null: the supervisor makes its own.</summary>
    public ProbeClock? ProbeClock { get; init; }

    /// <summary>Told of every end-to-end probe (metrics: probe duration); null when nobody listens.</summary>
    /// <summary>Told true when ssh's session is authenticated and its listeners accept, false when that session is over
    /// or being stopped: when held ports may hand it clients (docs/held-ports.md), before its first probe.</summary>
    public Action<bool>? SessionCarries { get; init; }

    public Action<string, ProbeResult>? OnProbe { get; init; }

    /// <summary>A random number in [0, 1) for the jitter.</summary>
    public Func<double> NextUnit { get; init; } = Random.Shared.NextDouble;

    /// <summary>How long ssh gets to act on SIGTERM before SIGKILL.</summary>
    public TimeSpan StopGrace { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>After "Authenticated", how long ssh must keep running before the tunnel counts as up
    /// (a refused -R forward makes ssh exit within one round trip).</summary>
    public TimeSpan Settle { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How often the local listeners are tried while waiting for them.</summary>
    public TimeSpan ListenerPoll { get; init; } = TimeSpan.FromMilliseconds(100);
}
