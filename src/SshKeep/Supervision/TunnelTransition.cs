namespace SshKeep.Supervision;

/// <summary>
/// One change of one tunnel, the only news a tunnel gives (docs/daemon.md): its status before and
/// after, why it changed, and when. Status, systemd, hooks, metrics and the timeline each fold
/// the stream of these; nobody diffs snapshots. A change that keeps the state (a new error line,
/// the pid of a started ssh) is a transition too, with <see cref="From"/> and <see cref="To"/> in
/// the same state. Each tunnel's transitions arrive one at a time, in the order they happened.
/// </summary>
/// <param name="Before">The tunnel's status before the change.</param>
/// <param name="After">Its status after the change.</param>
/// <param name="Reason">Why, one of <see cref="TransitionReasons"/>.</param>
internal sealed record TunnelTransition(TunnelStatus Before, TunnelStatus After, string Reason)
{
    public string Tunnel => After.Name;

    public TunnelState From => Before.State;

    public TunnelState To => After.State;

    /// <summary>When the change happened.</summary>
    public required DateTimeOffset At { get; init; }
}
