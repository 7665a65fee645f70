namespace SshKeep.Supervision;

/// <summary>What <see cref="TunnelMachine.Step"/> asks the shell to do, in order; an answered effect names its answer.</summary>
internal abstract record TunnelEffect
{
    /// <summary>Answered with <see cref="TunnelEvent.SshStarted"/> or <see cref="TunnelEvent.SshCouldNotStart"/>.</summary>
    public sealed record StartSsh(string Destination) : TunnelEffect;

    /// <summary>SIGTERM, <paramref name="Grace"/>, SIGKILL; answered with <see cref="TunnelEvent.SshExited"/>.</summary>
    public sealed record StopSsh(TimeSpan Grace) : TunnelEffect;

    /// <summary>Replaces any other timer.</summary>
    public sealed record ArmTimer(TimeSpan Delay) : TunnelEffect;

    /// <summary>Answered with <see cref="TunnelEvent.ListenersChecked"/>.</summary>
    public sealed record CheckListeners : TunnelEffect;

    /// <summary>Answered with <see cref="TunnelEvent.ProbeRoundDone"/>.</summary>
    public sealed record ProbeRound(bool ConnectListener) : TunnelEffect;

    /// <summary>The one timer, on the daemon's shared <see cref="ProbeClock"/>.</summary>
    public sealed record ArmProbeTimer(TimeSpan Delay, bool OnGrain) : TunnelEffect;

    /// <summary>Answered with <see cref="TunnelEvent.ServerAnswers"/> during this wait.</summary>
    public sealed record WatchServer(bool CouldNotConnect, string Destination) : TunnelEffect;

    public sealed record Publish(TunnelTransition Transition) : TunnelEffect;

    /// <summary><paramref name="Event"/>: the DaemonLog method's name.</summary>
    public sealed record Log(string Event, Action<ILogger> Write) : TunnelEffect;

    public sealed record ClaimSession(int Pid) : TunnelEffect;

    /// <summary>Answered with <see cref="TunnelEvent.RunSettled"/>.</summary>
    public sealed record SettleRun(bool ResetDeadSession, int? DescribePort) : TunnelEffect;

    public sealed record CloseDeadSession : TunnelEffect;
}
