using SshKeep.Health;
using SshKeep.Ssh;

namespace SshKeep.Supervision;

/// <summary>The input of <see cref="TunnelMachine.Step"/> (docs/daemon.md, "The tunnel machine").</summary>
internal abstract record TunnelEvent
{
    public sealed record Begin : TunnelEvent;

    public sealed record SshStarted(int Pid) : TunnelEvent;

    public sealed record SshCouldNotStart(string SshPath, string Reason) : TunnelEvent;

    /// <summary><paramref name="Logged"/>: the log's rate limit let it through.</summary>
    public sealed record StderrLine(string Line, bool Logged) : TunnelEvent;

    public sealed record StderrClosed : TunnelEvent;

    public sealed record SshExited(ChildExit Exit) : TunnelEvent;

    public sealed record SshFroze : TunnelEvent;

    public sealed record ListenersChecked(bool Accept) : TunnelEvent;

    public sealed record ProbeRoundDone(IReadOnlyList<ProbeResult> Results, TimeSpan Took) : TunnelEvent;

    public sealed record ConnectStalled(IPEndPoint Server) : TunnelEvent;

    /// <summary><paramref name="Trigger"/>: who asked, for the log.</summary>
    public sealed record Command(TunnelCommand What, string Trigger) : TunnelEvent;

    public sealed record TimerDue : TunnelEvent;

    public sealed record ServerAnswers : TunnelEvent;

    public sealed record RunSettled(ServerConnection? DeadSessionReset = null, string? PortHolder = null) : TunnelEvent;

    public sealed record StopRequested : TunnelEvent;
}
