namespace SshKeep.Supervision;

/// <summary>What <see cref="TunnelMachine.Step"/> asks the shell (<see cref="TunnelSupervisor"/>)
/// to do, as values, carried out in order; an effect that is answered names its answer.</summary>
internal abstract record TunnelEffect
{
    /// <summary>ssh to <paramref name="Destination"/>, one of the tunnel's; answered with <see cref="TunnelEvent.SshStarted"/>
    /// or <see cref="TunnelEvent.SshCouldNotStart"/>.</summary>
    public sealed record StartSsh(string Destination) : TunnelEffect;

    /// <summary>SIGTERM, <paramref name="Grace"/>, SIGKILL; answered with <see cref="TunnelEvent.SshExited"/>.</summary>
    public sealed record StopSsh(TimeSpan Grace) : TunnelEffect;

    /// <summary>The tunnel's one timer is due in <paramref name="Delay"/> (replacing any other).</summary>
    public sealed record ArmTimer(TimeSpan Delay) : TunnelEffect;

    /// <summary>Answered with <see cref="TunnelEvent.ListenersChecked"/>.</summary>
    public sealed record CheckListeners : TunnelEffect;

    /// <summary>Every forward at once (<paramref name="ConnectListener"/>: through its local listener
    /// too); answered with <see cref="TunnelEvent.ProbeRoundDone"/>.</summary>
    public sealed record ProbeRound(bool ConnectListener) : TunnelEffect;

    /// <summary>The one timer, on the daemon's shared <see cref="ProbeClock"/>.</summary>
    public sealed record ArmProbeTimer(TimeSpan Delay, bool OnGrain) : TunnelEffect;

    /// <summary>During this wait, report <see cref="TunnelEvent.ServerAnswers"/> when the server of the next run,
    /// <paramref name="Destination"/>, answers again.</summary>
    public sealed record WatchServer(bool CouldNotConnect, string Destination) : TunnelEffect;

    public sealed record Publish(TunnelTransition Transition) : TunnelEffect;

    /// <summary>One line of the daemon's log; <paramref name="Event"/> names it (the DaemonLog method).</summary>
    public sealed record Log(string Event, Action<ILogger> Write) : TunnelEffect;

    /// <summary>Take a second descriptor for the up session's connection (SessionSocketClaim).</summary>
    public sealed record ClaimSession(int Pid) : TunnelEffect;

    /// <summary>The run is over: stop reading stderr, keep the session's connection when the server
    /// missed the end, reset the dead session kept before when asked, and name the holder of
    /// <paramref name="DescribePort"/>; answered with <see cref="TunnelEvent.RunSettled"/>.</summary>
    public sealed record SettleRun(bool ResetDeadSession, int? DescribePort) : TunnelEffect;

    /// <summary>Close a kept dead session the plain way (stopping).</summary>
    public sealed record CloseDeadSession : TunnelEffect;
}
