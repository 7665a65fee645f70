using SshKeep.History;
using SshKeep.Metrics;
using SshKeep.Supervision;

namespace SshKeep.Web;

/// <summary>What the web page and /metrics show beyond the status. No ASP.NET type is touched here.</summary>
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
}
