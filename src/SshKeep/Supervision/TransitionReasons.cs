namespace SshKeep.Supervision;

/// <summary>Why a tunnel's status changed (<see cref="TunnelTransition.Reason"/>).</summary>
internal static class TransitionReasons
{
    public const string Starting = "starting";
    public const string SshStarted = "ssh-started";
    public const string StartFailed = "start-failed";

    public const string Error = "error";

    public const string Up = "up";

    public const string RunEnded = "run-ended";

    public const string Waiting = "waiting";

    public const string Stopped = "stopped";

    /// <summary>Sent by <see cref="DaemonSupervisor"/> (docs/daemon.md, "Transitions are the only news").</summary>
    public const string Listed = "listed";

    /// <summary>Sent by <see cref="DaemonSupervisor"/> after the tunnel's last transition.</summary>
    public const string Removed = "removed";
}
