namespace SshKeep.Daemon;

/// <summary>The daemon plumbing's log lines (status file, control socket), event ids 3000–3099.</summary>
internal static partial class ControlLog
{
    [LoggerMessage(3000, LogLevel.Warning, "cannot write status file: {Reason}; keeping the old one and trying again on the next change")]
    public static partial void StatusWriteFailed(ILogger logger, string reason);

    [LoggerMessage(3001, LogLevel.Information, "status file written again after earlier failures: {Path}")]
    public static partial void StatusWriteRecovered(ILogger logger, string path);

    [LoggerMessage(3010, LogLevel.Information, "control socket listening on {Path}")]
    public static partial void ControlListening(ILogger logger, string path);

    [LoggerMessage(3011, LogLevel.Warning, "control: refused a connection from pid {Pid} (uid {Uid}): only uid {OwnUid} and root may control this sshkeep; closed it")]
    public static partial void ControlPeerRefused(ILogger logger, int pid, uint uid, uint ownUid);

    [LoggerMessage(EventId = 3012, Message = "control: {Request} from pid {Pid} (uid {Uid})")]
    public static partial void ControlRequestReceived(ILogger logger, LogLevel level, string request, int pid, uint uid);

    [LoggerMessage(3013, LogLevel.Information, "control: rejected a request from pid {Pid}: {Error}: {Message}; still serving")]
    public static partial void ControlRequestRejected(ILogger logger, int pid, string error, string message);

    [LoggerMessage(3014, LogLevel.Error, "control: {Request} failed inside sshkeep; answered \"internal\" and still serving")]
    public static partial void ControlHandlerFailed(ILogger logger, string request, Exception exception);

    [LoggerMessage(3015, LogLevel.Warning, "control: accepting a connection failed: {Reason}; still listening")]
    public static partial void ControlAcceptFailed(ILogger logger, string reason);

    [LoggerMessage(3016, LogLevel.Warning, "control: more than {Max} connections at once; answered \"busy\" to pid {Pid}")]
    public static partial void ControlBusy(ILogger logger, int max, int pid);

    [LoggerMessage(3017, LogLevel.Debug, "control: connection from pid {Pid} ended early: {Reason}")]
    public static partial void ControlConnectionLost(ILogger logger, int pid, string reason);

    [LoggerMessage(3018, LogLevel.Information, "control socket closed and removed: {Path}")]
    public static partial void ControlStopped(ILogger logger, string path);
}
