using SshKeep.Health;
using SshKeep.History;
using SshKeep.Metrics;
using SshKeep.Supervision;

namespace SshKeep.Web;

/// <summary>
/// What the HTTP listener shows beyond the current status, recorded as it happens: restarts by
/// reason, each tunnel's recent transitions, probe durations. The daemon feeds it every transition
/// (<see cref="Observe"/>), which each of them folds, and every probe (<see cref="RecordProbe"/>, wired to
/// <see cref="TunnelSupervisorOptions.OnProbe"/>). Plain .NET: no ASP.NET type is touched here.
/// </summary>
internal sealed class DaemonRecorder(TimeProvider time)
{
    public RestartCounter Restarts { get; } = new();

    public TunnelHistory History { get; } = new();

    public ProbeDurations Probes { get; } = new();

    public TimeProvider Time => time;

    public void Observe(TunnelTransition transition)
    {
        Restarts.Observe(transition);
        History.Observe(transition);
        if (transition.Reason == TransitionReasons.Removed) Probes.Forget(transition.Tunnel);
    }

    public void RecordProbe(string tunnel, ProbeResult result) => Probes.Record(tunnel, result);
}
