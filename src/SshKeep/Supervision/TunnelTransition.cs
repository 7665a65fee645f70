namespace SshKeep.Supervision;

/// <summary>docs/daemon.md, "Transitions are the only news".</summary>
/// <param name="Reason">One of <see cref="TransitionReasons"/>.</param>
internal sealed record TunnelTransition(TunnelStatus Before, TunnelStatus After, string Reason)
{
    public string Tunnel => After.Name;

    public required DateTimeOffset At { get; init; }
}
