namespace SshKeep.Supervision;

/// <summary>Why a tunnel's status changed (<see cref="TunnelTransition.Reason"/>).</summary>
internal static class TransitionReasons
{
    /// <summary>An ssh run begins (state starting).</summary>
    public const string Starting = "starting";

    /// <summary>ssh was started; its pid is known.</summary>
    public const string SshStarted = "ssh-started";

    /// <summary>ssh could not be started at all.</summary>
    public const string StartFailed = "start-failed";

    /// <summary>An error line or an end reason was seen.</summary>
    public const string Error = "error";

    /// <summary>The tunnel proved healthy (state up).</summary>
    public const string Up = "up";

    /// <summary>The ssh run ended (exit, counts and restart reason recorded).</summary>
    public const string RunEnded = "run-ended";

    /// <summary>Waiting before the next start (back-off, held remote port, needs attention).</summary>
    public const string Waiting = "waiting";

    /// <summary>The tunnel stopped (disabled, removed, daemon stopping).</summary>
    public const string Stopped = "stopped";

    /// <summary>The daemon lists the tunnel (its start, or a reload), in the file's order: one new
    /// to the list enters with this status (starting, or stopped when disabled); one already
    /// listed keeps its status and only takes its place after the ones listed before it. Sent by
    /// <see cref="DaemonSupervisor"/>, never by a tunnel.</summary>
    public const string Listed = "listed";

    /// <summary>A reload removed the tunnel from the file (after its last transition, stopped).
    /// Sent by <see cref="DaemonSupervisor"/>.</summary>
    public const string Removed = "removed";
}
