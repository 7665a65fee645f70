using SshKeep.Config;

namespace SshKeep.Supervision;

/// <summary>The state of <see cref="TunnelMachine"/>; config and wiring are read from, never copied.</summary>
internal sealed record TunnelMachineState
{
    public required TunnelConfig Config { get; init; }

    public required TunnelSupervisorOptions Options { get; init; }

    public required TunnelStatus Status { get; init; }

    public TunnelPhase Phase { get; init; }

    public int Failures { get; init; }

    public TunnelRun? Run { get; init; }

    public int DestinationIndex { get; init; }

    public string Destination => Config.Destinations[DestinationIndex];

    /// <summary>Runs a server refused since the tunnel was last up (docs/daemon.md, "Several servers: failover").</summary>
    public int RefusedInARow { get; init; }

    public bool Stopping { get; init; }

    public bool Probes => Options.ProbeForward is not null && ProbeSchedule.Enabled(Config.Health);

    public bool ClaimsSessions => Options.ClaimSessionSocket is not null && Config.Forwards.Any(f => f.Kind == ForwardKind.Remote);

    public bool GatesWaits => Options.Reachability is not null;

    public static TunnelMachineState Initial(TunnelConfig config, TunnelSupervisorOptions options, DateTimeOffset now) => new()
    {
        Config = config,
        Options = options,
        Status = new TunnelStatus { Name = config.Name, Destination = config.Destination, State = TunnelState.Starting, Since = now },
    };
}
