using SshKeep.Config;

namespace SshKeep.Supervision;

/// <summary>The whole state of one tunnel's machine: what users see (<see cref="Status"/>), where
/// the machine is, the current run, and the config and wiring it decides on (read from them,
/// never copied).</summary>
internal sealed record TunnelMachineState
{
    public required TunnelConfig Config { get; init; }

    public required TunnelSupervisorOptions Options { get; init; }

    public required TunnelStatus Status { get; init; }

    public TunnelPhase Phase { get; init; }

    /// <summary>Consecutive failed runs (<see cref="TunnelRetryPolicy"/>).</summary>
    public int Failures { get; init; }

    /// <summary>The current (or just ended) ssh run; null before the first.</summary>
    public TunnelRun? Run { get; init; }

    /// <summary>Which of the config's destinations the current run uses, or the next one will.</summary>
    public int DestinationIndex { get; init; }

    /// <summary>The server of the current run, or of the next one (docs/daemon.md, "Several servers: failover").</summary>
    public string Destination => Config.Destinations[DestinationIndex];

    /// <summary>Runs in a row, since the tunnel was last up, that a server refused (a permanent failure).</summary>
    public int RefusedInARow { get; init; }

    /// <summary>A stop was asked: the run ends without waiting, and nothing starts again.</summary>
    public bool Stopping { get; init; }

    /// <summary>End-to-end probes prove the tunnel (else it is up once the session is there).</summary>
    public bool Probes => Options.ProbeForward is not null && ProbeSchedule.Enabled(Config.Health);

    /// <summary>The up session's connection is claimed (tunnels with -R forwards, SessionSocketClaim).</summary>
    public bool ClaimsSessions => Options.ClaimSessionSocket is not null && Config.Forwards.Any(f => f.Kind == ForwardKind.Remote);

    /// <summary>A back-off wait ends when the server answers again (<see cref="ReachabilityGate"/>).</summary>
    public bool GatesWaits => Options.Reachability is not null;

    /// <summary>A tunnel about to begin: it is starting until its first ssh proves healthy.</summary>
    public static TunnelMachineState Initial(TunnelConfig config, TunnelSupervisorOptions options, DateTimeOffset now) => new()
    {
        Config = config,
        Options = options,
        Status = new TunnelStatus { Name = config.Name, Destination = config.Destination, State = TunnelState.Starting, Since = now },
    };
}
