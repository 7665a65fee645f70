namespace SshKeep.Supervision;

/// <summary>Why a tunnel's status changed (<see cref="TunnelTransition.Reason"/>).</summary>
internal static class TransitionReasons
{
    public const string Starting = "starting";
    public const string SshStarted = "ssh-started";
    public const string StartFailed = "start-failed";

    /// <summary>An error line or an end reason was seen.</summary>
    public const string Error = "error";

    public const string Up = "up";

    /// <summary>The ssh run ended (exit, counts and restart reason recorded).</summary>
    public const string RunEnded = "run-ended";

    /// <summary>Waiting before the next start (back-off, held remote port, needs attention).</summary>
    public const string Waiting = "waiting";

    public const string Stopped = "stopped";

    /// <summary>The daemon lists the tunnel (its start, or a reload), in the file's order; sent by
    /// <see cref="DaemonSupervisor"/>, never by a tunnel (docs/daemon.md, "Transitions are the only news").</summary>
    public const string Listed = "listed";

    /// <summary>A reload removed the tunnel (after its last transition, stopped); sent by <see cref="DaemonSupervisor"/>.</summary>
    public const string Removed = "removed";
}
