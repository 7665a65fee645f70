namespace SshKeep.Supervision;

/// <summary>
/// One change of one tunnel, the only news a tunnel gives (docs/daemon.md, "Transitions are the
/// only news"); a change that keeps the state (a new error line, a pid) is one too. Each tunnel's
/// transitions arrive one at a time, in order.
/// </summary>
/// <param name="Reason">One of <see cref="TransitionReasons"/>.</param>
internal sealed record TunnelTransition(TunnelStatus Before, TunnelStatus After, string Reason)
{
    public string Tunnel => After.Name;

    public TunnelState From => Before.State;

    public TunnelState To => After.State;

    /// <summary>When the change happened.</summary>
    public required DateTimeOffset At { get; init; }
}
