using SshKeep.Config;

namespace SshKeep.Supervision;

/// <summary>The whole state of one tunnel's machine: what users see (<see cref="Status"/>), where
/// the machine is (<see cref="Phase"/>), the current run, and the wiring facts it decides on.</summary>
internal sealed record TunnelMachineState
{
    public required TunnelConfig Config { get; init; }

    public required TunnelStatus Status { get; init; }

    public TunnelPhase Phase { get; init; }

    /// <summary>Consecutive failed runs (<see cref="TunnelRetryPolicy"/>).</summary>
    public int Failures { get; init; }

    /// <summary>The current (or just ended) ssh run; null before the first.</summary>
    public TunnelRun? Run { get; init; }

    /// <summary>A stop was asked: the run ends without waiting, and nothing starts again.</summary>
    public bool Stopping { get; init; }

    /// <summary>How long ssh gets to act on SIGTERM before SIGKILL.</summary>
    public TimeSpan StopGrace { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>After "Authenticated", how long ssh must keep running before the session counts.</summary>
    public TimeSpan Settle { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How often the local listeners are tried while waiting for them.</summary>
    public TimeSpan ListenerPoll { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>End-to-end probes prove the tunnel (else it is up once the session is there).</summary>
    public bool Probes { get; init; }

    /// <summary>The up session's connection is claimed (tunnels with -R forwards, SessionSocketClaim).</summary>
    public bool ClaimsSessions { get; init; }

    /// <summary>A back-off wait ends when the server answers again (<see cref="ReachabilityGate"/>).</summary>
    public bool GatesWaits { get; init; }

    /// <summary>A tunnel about to begin: it is starting until its first ssh proves healthy.</summary>
    public static TunnelMachineState Initial(TunnelConfig config, TunnelSupervisorOptions options, DateTimeOffset now) => new()
    {
        Config = config,
        Status = new TunnelStatus { Name = config.Name, State = TunnelState.Starting, Since = now },
        StopGrace = options.StopGrace,
        Settle = options.Settle,
        ListenerPoll = options.ListenerPoll,
        Probes = options.ProbeForward is not null && ProbeSchedule.Enabled(config.Health),
        ClaimsSessions = options.ClaimSessionSocket is not null && config.Forwards.Any(f => f.Kind == ForwardKind.Remote),
        GatesWaits = options.Reachability is not null,
    };
}
