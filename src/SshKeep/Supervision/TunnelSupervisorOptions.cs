using SshKeep.Config;
using SshKeep.Health;
using SshKeep.Ssh;

namespace SshKeep.Supervision;

/// <summary>What a <see cref="TunnelSupervisor"/> is wired to besides its config.</summary>
internal sealed record TunnelSupervisorOptions
{
    public required Func<TunnelConfig, string, SshStartInfo> StartInfoFor { get; init; }

    public required Func<ForwardSpec, CancellationToken, Task<bool>> ListenerAccepts { get; init; }

    /// <summary>The bool: through the local listener too (<see cref="ProbeSchedule.ChecksListeners"/>); null: no probes.</summary>
    public Func<TunnelConfig, ForwardSpec, bool, CancellationToken, Task<ProbeResult>>? ProbeForward { get; init; }

    public IServerReachability? Reachability { get; init; }

    /// <summary>Null: never (fake ssh processes in tests).</summary>
    public Func<int, SessionSocketClaim?>? ClaimSessionSocket { get; init; }

    /// <summary>"held by pid 812 (python3)", or null.</summary>
    public Func<int, string?>? DescribePortHolder { get; init; }

    /// <summary>Removes a control socket a killed ssh left behind (ssh would refuse to be the master).</summary>
    public Action<TunnelConfig>? BeforeStart { get; init; }

    /// <summary>Null: the supervisor makes its own.</summary>
    public ProbeClock? ProbeClock { get; init; }

    /// <summary>Whether held ports may hand the session clients (docs/held-ports.md).</summary>
    public Action<bool>? SessionCarries { get; init; }

    public Action<string, ProbeResult>? OnProbe { get; init; }

    public Func<double> NextUnit { get; init; } = Random.Shared.NextDouble;

    public TimeSpan StopGrace { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan Settle { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan ListenerPoll { get; init; } = TimeSpan.FromMilliseconds(100);
}
