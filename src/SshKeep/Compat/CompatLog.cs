namespace SshKeep.Compat;

/// <summary>Worded as in the Debian binary, so log filters keep matching (docs/autossh-rules.md R86). The ids group them:
/// 1xx start-up, 2xx loop (R60), 3xx ssh exits (R61), 4xx signals (R71), 5xx monitoring (R49–R51), 6xx trace.</summary>
internal static partial class CompatLog
{
    [LoggerMessage(107, LogLevel.Error, "{Text}")]
    public static partial void StartupError(this ILogger logger, string text);

    [LoggerMessage(114, LogLevel.Information, "{Text}")]
    public static partial void StartupNotice(this ILogger logger, string text);

    [LoggerMessage(200, LogLevel.Information, "starting ssh (count {Count})")]
    public static partial void StartingSsh(this ILogger logger, int count);

    [LoggerMessage(201, LogLevel.Information, "starting ssh (count {Count} of {Max})")]
    public static partial void StartingSshOf(this ILogger logger, int count, int max);

    [LoggerMessage(202, LogLevel.Information, "ssh child pid is {Pid}")]
    public static partial void ChildPid(this ILogger logger, int pid);

    [LoggerMessage(203, LogLevel.Debug, "child of {ParentPid} execing {Path}")]
    public static partial void ChildExecing(this ILogger logger, int parentPid, string path);

    [LoggerMessage(204, LogLevel.Error, "{Path}: {Reason}")]
    public static partial void ExecFailed(this ILogger logger, string path, string reason);

    [LoggerMessage(205, LogLevel.Information, "max start count reached; exiting")]
    public static partial void MaxStartReached(this ILogger logger);

    [LoggerMessage(206, LogLevel.Error, "signalled to exit")]
    public static partial void SignalledToExitBetweenRuns(this ILogger logger);

    [LoggerMessage(208, LogLevel.Information, "exceeded maximum time to live, shutting down")]
    public static partial void LifetimeExceeded(this ILogger logger);

    [LoggerMessage(300, LogLevel.Information, "ssh exited on signal {Signal}, restarting ssh")]
    public static partial void ExitedOnSignal(this ILogger logger, int signal);

    [LoggerMessage(301, LogLevel.Error, "ssh exited prematurely with status {Status}; {ProgramName} exiting")]
    public static partial void ExitedPrematurely(this ILogger logger, int status, string programName);

    [LoggerMessage(302, LogLevel.Information, "ssh exited with error status {Status}; restarting ssh")]
    public static partial void ExitedWithErrorRestarting(this ILogger logger, int status);

    [LoggerMessage(303, LogLevel.Information, "ssh exited with status {Status}; {ProgramName} exiting")]
    public static partial void ExitedWithStatusExiting(this ILogger logger, int status, string programName);

    /// <summary>sshkeep only (R68 fix).</summary>
    [LoggerMessage(304, LogLevel.Information, "ssh child {Pid} was stopped (signal {Signal}); killing and restarting ssh")]
    public static partial void ChildStopped(this ILogger logger, int pid, int signal);

    /// <summary>sshkeep only (docs/compatibility.md row 22).</summary>
    [LoggerMessage(305, LogLevel.Information, "ssh child {Pid} is still connecting to {Server}, which answers again; killing and restarting ssh")]
    public static partial void ConnectStalled(this ILogger logger, int pid, string server);

    /// <summary>sshkeep only (docs/compatibility.md row 21); <paramref name="problem"/>: "did not answer …".</summary>
    [LoggerMessage(306, LogLevel.Information, "{Server} {Problem}; starting ssh as soon as it accepts a connection")]
    public static partial void ServerSilent(this ILogger logger, string server, string problem);

    /// <summary>sshkeep only (docs/compatibility.md row 21).</summary>
    [LoggerMessage(307, LogLevel.Information, "{Server} answers again; starting ssh now")]
    public static partial void ServerAnswersAgain(this ILogger logger, string server);

    [LoggerMessage(400, LogLevel.Information, "received signal to exit ({Signal})")]
    public static partial void ReceivedSignalToExit(this ILogger logger, int signal);

    [LoggerMessage(401, LogLevel.Information, "signalled to kill and restart ssh")]
    public static partial void SignalledToRestart(this ILogger logger);

    [LoggerMessage(402, LogLevel.Debug, "received SIGALRM (end-of-life {EndOfLife})")]
    public static partial void ReceivedAlarm(this ILogger logger, int endOfLife);

    /// <summary>sshkeep only (R74/R75 fix).</summary>
    [LoggerMessage(403, LogLevel.Information, "received signal {Signal} while waiting; starting ssh now")]
    public static partial void WaitCutShort(this ILogger logger, int signal);

    [LoggerMessage(500, LogLevel.Information, "port down, restarting ssh")]
    public static partial void PortDown(this ILogger logger);

    [LoggerMessage(501, LogLevel.Information, "{Host}:{Port}: {Reason}")]
    public static partial void ConnectFailed(this ILogger logger, string host, string port, string reason);

    [LoggerMessage(502, LogLevel.Information, "timeout polling to accept read connection")]
    public static partial void AcceptTimeout(this ILogger logger);

    [LoggerMessage(503, LogLevel.Error, "error polling to accept read connection: {Reason}")]
    public static partial void AcceptPollError(this ILogger logger, string reason);

    [LoggerMessage(504, LogLevel.Error, "error accepting read connection: {Reason}")]
    public static partial void AcceptError(this ILogger logger, string reason);

    [LoggerMessage(505, LogLevel.Information, "too many loops without data")]
    public static partial void TooManyLoopsWithoutData(this ILogger logger);

    [LoggerMessage(506, LogLevel.Debug, "tried connection {Tries} times and failed")]
    public static partial void TriedAndFailed(this ILogger logger, int tries);

    [LoggerMessage(507, LogLevel.Debug, "connection ok")]
    public static partial void ConnectionOk(this ILogger logger);

    [LoggerMessage(508, LogLevel.Debug, "not what I sent: \"{Received}\" : \"{Sent}\"")]
    public static partial void NotWhatISent(this ILogger logger, string received, string sent);

    [LoggerMessage(509, LogLevel.Debug, "timeout on io poll, looping to accept again")]
    public static partial void IoPollTimeout(this ILogger logger);

    [LoggerMessage(510, LogLevel.Debug, "error on poll: {Reason}")]
    public static partial void PollError(this ILogger logger, string reason);

    [LoggerMessage(604, LogLevel.Debug, "set alarm for {Seconds} secs")]
    public static partial void SetAlarm(this ILogger logger, int seconds);

    [LoggerMessage(605, LogLevel.Debug, "checking for grace period, tries = {Tries}")]
    public static partial void CheckingGracePeriod(this ILogger logger, int tries);

    [LoggerMessage(606, LogLevel.Debug, "sleeping for grace time {Seconds} secs")]
    public static partial void SleepingForGraceTime(this ILogger logger, int seconds);
}
