using SshKeep.Logging;

// As in DaemonLog: the first parameter, `string tunnel`, is the line's prefix, not in the message.
#pragma warning disable SYSLIB1015

namespace SshKeep.Hooks;

/// <summary>Ids 1400–1449 in <see cref="DaemonLog"/>'s catalogue; none of them means the tunnel is affected.</summary>
internal static partial class HooksLog
{
    [LoggerMessage(1400, LogLevel.Debug, "{Event} hook: running {Command} (pid {Pid}); killed if still running after {Timeout}")]
    public static partial void HookStarted(this ILogger logger, string tunnel, string @event, string command, int pid, DaemonDuration timeout);

    [LoggerMessage(1401, LogLevel.Information, "{Event} hook says: {Line}")]
    public static partial void HookOutput(this ILogger logger, string tunnel, string @event, string line);

    [LoggerMessage(1402, LogLevel.Information, "{Event} hook printed {Count} more lines; not logged (the first {Logged} are)")]
    public static partial void HookOutputCut(this ILogger logger, string tunnel, string @event, int count, int logged);

    [LoggerMessage(1403, LogLevel.Information, "{Event} hook {Command} exited with status 0 after {Elapsed}")]
    public static partial void HookSucceeded(this ILogger logger, string tunnel, string @event, string command, DaemonDuration elapsed);

    [LoggerMessage(1404, LogLevel.Warning, "{Event} hook {Command} failed: {Exit} after {Elapsed}; the tunnel carries on")]
    public static partial void HookFailed(this ILogger logger, string tunnel, string @event, string command, string exit, DaemonDuration elapsed);

    [LoggerMessage(1405, LogLevel.Warning, "{Event} hook {Command} still running after {Timeout}; killing it (SIGTERM to its process group, SIGKILL after {Grace})")]
    public static partial void HookTimedOut(this ILogger logger, string tunnel, string @event, string command, DaemonDuration timeout, DaemonDuration grace);

    [LoggerMessage(1406, LogLevel.Error, "{Event} hook: cannot run {Program}: {Reason}; skipped, the tunnel carries on")]
    public static partial void HookStartFailed(this ILogger logger, string tunnel, string @event, string program, string reason);

    [LoggerMessage(1407, LogLevel.Warning, "{Event} hook dropped without running: {Capacity} newer hooks of this tunnel wait behind a slow one, and no more are kept")]
    public static partial void HookDropped(this ILogger logger, string tunnel, string @event, int capacity);

    [LoggerMessage(1408, LogLevel.Warning, "{Event} hook {Command} still running as sshkeep stops; killing it")]
    public static partial void HookCancelled(this ILogger logger, string tunnel, string @event, string command);

    [LoggerMessage(1409, LogLevel.Warning, "{Event} hook not run: sshkeep stopped before its turn")]
    public static partial void HookNotRun(this ILogger logger, string tunnel, string @event);
}
