using SshKeep.Health;
using SshKeep.Ssh;

namespace SshKeep.Supervision;

/// <summary>Everything that can happen to one tunnel, as values: the input of
/// <see cref="TunnelMachine.Step"/> (docs/daemon.md, "The tunnel machine").</summary>
internal abstract record TunnelEvent
{
    public sealed record Begin : TunnelEvent;

    public sealed record SshStarted(int Pid) : TunnelEvent;

    /// <summary>ssh could not be started at all (a missing program): why, and the ssh_path tried.</summary>
    public sealed record SshCouldNotStart(string SshPath, string Reason) : TunnelEvent;

    /// <summary>A non-empty line of ssh's stderr; <paramref name="Logged"/>: the log's rate limit let it through.</summary>
    public sealed record StderrLine(string Line, bool Logged) : TunnelEvent;

    public sealed record StderrClosed : TunnelEvent;

    public sealed record SshExited(ChildExit Exit) : TunnelEvent;

    /// <summary>ssh was stopped with SIGSTOP.</summary>
    public sealed record SshFroze : TunnelEvent;

    /// <summary>Every local listener accepts, or not.</summary>
    public sealed record ListenersChecked(bool Accept) : TunnelEvent;

    /// <summary>One result per forward, and how long the round took.</summary>
    public sealed record ProbeRoundDone(IReadOnlyList<ProbeResult> Results, TimeSpan Took) : TunnelEvent;

    /// <summary>ssh is stuck connecting while its server answers again (<see cref="ConnectStallWatch"/>).</summary>
    public sealed record ConnectStalled(IPEndPoint Server) : TunnelEvent;

    /// <summary>A person or the network asked; <paramref name="Trigger"/>: who, for the log.</summary>
    public sealed record Command(TunnelCommand What, string Trigger) : TunnelEvent;

    /// <summary>The one timer of <see cref="TunnelEffect.ArmTimer"/> (or <see cref="TunnelEffect.ArmProbeTimer"/>) is due.</summary>
    public sealed record TimerDue : TunnelEvent;

    /// <summary>The server answers again during a back-off wait (<see cref="ReachabilityGate"/>).</summary>
    public sealed record ServerAnswers : TunnelEvent;

    /// <summary>The dead session that was reset, and who holds the local port ssh could not bind, when asked and known.</summary>
    public sealed record RunSettled(ServerConnection? DeadSessionReset = null, string? PortHolder = null) : TunnelEvent;

    /// <summary>The tunnel is to stop (disabled, removed, the daemon stops).</summary>
    public sealed record StopRequested : TunnelEvent;
}
