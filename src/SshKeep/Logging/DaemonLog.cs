// Per-tunnel methods take `string tunnel` first and leave it out of the message: the provider writes it
// as the line's prefix and JSON's "tunnel". The generator warns (SYSLIB1015) but still stores it in the
// event's state under that name, which is what the provider reads.
#pragma warning disable SYSLIB1015

namespace SshKeep.Logging;

/// <summary>The daemon's log events (docs/observability.md): each says what happened and what happens next. Ids
/// are fixed: 1000 daemon, 1050 reload and control, 1100 a tunnel's life, 1200 ssh's output and settings,
/// 1300 systemd, 1400 hooks (<see cref="SshKeep.Hooks.HooksLog"/>), 1500 HTTP.</summary>
internal static partial class DaemonLog
{
    [LoggerMessage(1000, LogLevel.Information, "sshkeep {Version} starting {TunnelCount} from {ConfigPath} (pid {Pid})")]
    public static partial void DaemonStarting(this ILogger logger, string version, DaemonCount tunnelCount, string configPath, int pid);

    /// <summary>READY=1 was due (<see cref="SshKeep.Config.ReadyWhen"/>); sent to systemd when it listens.</summary>
    [LoggerMessage(1001, LogLevel.Information, "ready ({ReadyWhen}): {UpCount} of {TunnelCount} up; keeping them up until stopped")]
    public static partial void DaemonReady(this ILogger logger, string readyWhen, int upCount, DaemonCount tunnelCount);

    [LoggerMessage(1002, LogLevel.Information, "{Trigger}: stopping {TunnelCount} (SIGTERM to each ssh, SIGKILL after {Grace})")]
    public static partial void DaemonStopping(this ILogger logger, string trigger, DaemonCount tunnelCount, DaemonDuration grace);

    [LoggerMessage(1003, LogLevel.Information, "every tunnel is stopped; exiting with status {ExitCode}")]
    public static partial void DaemonStopped(this ILogger logger, int exitCode);

    [LoggerMessage(1050, LogLevel.Information, "{Trigger}: reloading {ConfigPath}")]
    public static partial void ReloadRequested(this ILogger logger, string trigger, string configPath);

    [LoggerMessage(1051, LogLevel.Information, "reloaded {ConfigPath}: {Added} added (starting), {Removed} removed (stopping), {Changed} changed (restarting), {Unchanged} unchanged (left running)")]
    public static partial void ReloadApplied(this ILogger logger, string configPath, int added, int removed, int changed, int unchanged);

    [LoggerMessage(1052, LogLevel.Error, "reload refused: {ErrorCount} in {ConfigPath} (each logged above); the running tunnels stay as they were")]
    public static partial void ReloadRefused(this ILogger logger, DaemonCount errorCount, string configPath);

    [LoggerMessage(1065, LogLevel.Error, "{ConfigPath}: {More} beyond these were not logged (only the first {Logged} are)")]
    public static partial void ConfigErrorsNotLogged(this ILogger logger, string configPath, DaemonCount more, int logged);

    /// <summary>Worded as <c>sshkeep check</c> words it.</summary>
    [LoggerMessage(1053, LogLevel.Error, "{ConfigPath}:{Line}: {Key}: {Problem}")]
    public static partial void ConfigError(this ILogger logger, string configPath, int line, string key, string problem);

    /// <summary><paramref name="outcome"/>: <see cref="SshKeep.Supervision.RetryNowReport.Describe"/>.</summary>
    [LoggerMessage(1054, LogLevel.Information, "retry-now from {Trigger}: {Outcome}")]
    public static partial void RetryNowDone(this ILogger logger, string trigger, string outcome);

    [LoggerMessage(1057, LogLevel.Information, "network changed ({What}); waiting tunnels retry now, up tunnels are probed now")]
    public static partial void NetworkChanged(this ILogger logger, string what);

    [LoggerMessage(1058, LogLevel.Warning, "cannot watch for network changes ({Reason}); tunnels still recover through their reachability checks and back-off")]
    public static partial void NetworkWatchUnavailable(this ILogger logger, string reason);

    /// <summary>docs/daemon.md, "Parent-death signal": what a daemon without setpriv --pdeathsig loses.</summary>
    [LoggerMessage(1059, LogLevel.Information, "ssh is started without a parent-death signal ({Reason}): if the daemon is killed, its ssh keep running until the next start ends them")]
    public static partial void ParentDeathSignalUnavailable(this ILogger logger, string reason);

    [LoggerMessage(1100, LogLevel.Information, "starting ssh to {Destination} (attempt {Attempt}, pid {Pid}); up once it proves healthy")]
    public static partial void TunnelStarting(this ILogger logger, string tunnel, string destination, int attempt, int pid);

    [LoggerMessage(1101, LogLevel.Information, "up: ssh pid {Pid} is forwarding, {Elapsed} after it started; watching it")]
    public static partial void TunnelUp(this ILogger logger, string tunnel, int pid, DaemonDuration elapsed);

    /// <summary><paramref name="exit"/> reads "status 255" or "signal 9" (as in status.json's last_exit).</summary>
    [LoggerMessage(1102, LogLevel.Information, "ssh exited with {Exit} after {Uptime}; restarting in {Delay} (attempt {Attempt})")]
    public static partial void SshExited(this ILogger logger, string tunnel, string exit, DaemonDuration uptime, DaemonDuration delay, int attempt);

    [LoggerMessage(1103, LogLevel.Error, "cannot start {SshPath}: {Reason}; retrying in {Delay}")]
    public static partial void SshStartFailed(this ILogger logger, string tunnel, string sshPath, string reason, DaemonDuration delay);

    [LoggerMessage(1104, LogLevel.Warning, "probe of {Forward} failed ({Reason}), {Failures} of {Limit} in a row; probing again in {Interval}")]
    public static partial void ProbeFailed(this ILogger logger, string tunnel, string forward, string reason, int failures, int limit, DaemonDuration interval);

    [LoggerMessage(1105, LogLevel.Warning, "probe of {Forward} failed {Failures} in a row ({Reason}); restarting ssh pid {Pid}")]
    public static partial void ProbeVerdictRestart(this ILogger logger, string tunnel, string forward, DaemonCount failures, string reason, int pid);

    [LoggerMessage(1111, LogLevel.Information, "{Trigger}: ending the wait; starting ssh now")]
    public static partial void WaitCutShort(this ILogger logger, string tunnel, string trigger);

    /// <summary><paramref name="problem"/>: <see cref="SshKeep.Health.ReachabilityOutcome.Problem"/> ("did not answer within 1s").</summary>
    [LoggerMessage(1112, LogLevel.Information, "{Host}:{Port} {Problem}; checking every {Interval}, ssh starts as soon as it accepts a connection")]
    public static partial void ServerUnreachable(this ILogger logger, string tunnel, string host, int port, string problem, DaemonDuration interval);

    [LoggerMessage(1113, LogLevel.Information, "{Host}:{Port} answers again; starting ssh now")]
    public static partial void ServerReachable(this ILogger logger, string tunnel, string host, int port);

    [LoggerMessage(1114, LogLevel.Information, "ssh pid {Pid} is still connecting to {Server}, which answers again; stopping it and starting a fresh ssh now (its own retry could be seconds away)")]
    public static partial void ConnectStalled(this ILogger logger, string tunnel, int pid, string server);

    [LoggerMessage(1115, LogLevel.Information, "first probe passed ({Elapsed} after ssh started)")]
    public static partial void FirstProbePassed(this ILogger logger, string tunnel, DaemonDuration elapsed);

    [LoggerMessage(1121, LogLevel.Warning, "local port {Port} is already in use{Holder}; ssh cannot listen there; retrying in {Delay}")]
    public static partial void LocalPortInUse(this ILogger logger, string tunnel, int port, string holder, DaemonDuration delay);

    [LoggerMessage(1116, LogLevel.Warning, "end-to-end probes are off: {Reason}; ssh's keepalive still watches the session")]
    public static partial void ProbesUnavailable(this ILogger logger, string tunnel, string reason);

    /// <summary>docs/held-ports.md: sshkeep listens on a -L/-D port itself and hands its clients to ssh.</summary>
    [LoggerMessage(1160, LogLevel.Information, "holding {Listen} ({Forward}): clients that come while no session is up wait up to {Hold}")]
    public static partial void HeldPortListening(this ILogger logger, string tunnel, string listen, string forward, DaemonDuration hold);

    [LoggerMessage(1161, LogLevel.Warning, "cannot hold {Listen} ({Reason}); ssh listens there itself, and a restart is seen by its clients")]
    public static partial void HeldPortUnavailable(this ILogger logger, string tunnel, string listen, string reason);

    [LoggerMessage(1162, LogLevel.Information, "no longer holding {Listen}")]
    public static partial void HeldPortReleased(this ILogger logger, string tunnel, string listen);

    [LoggerMessage(1163, LogLevel.Warning, "accepting on {Listen} failed: {Reason}; trying again in 0.1s")]
    public static partial void HeldPortAcceptFailed(this ILogger logger, string tunnel, string listen, string reason);

    [LoggerMessage(1164, LogLevel.Debug, "closed a client of {Listen}: {Reason}")]
    public static partial void HeldClientClosed(this ILogger logger, string tunnel, string listen, string reason);

    [LoggerMessage(1122, LogLevel.Information, "ssh's connection {Local} → {Server} ended while the server did not answer; keeping it to reset it once the server answers, so the server lets go of the remote ports")]
    public static partial void DeadSessionKept(this ILogger logger, string tunnel, string local, string server);

    [LoggerMessage(1123, LogLevel.Information, "reset the dead session's connection {Local} → {Server}; the server drops that session and frees remote port {Port}; retrying in {Delay}")]
    public static partial void DeadSessionReset(this ILogger logger, string tunnel, string local, string server, int port, DaemonDuration delay);

    [LoggerMessage(1120, LogLevel.Warning, "the server still holds remote port {Port} (most likely for a dead session of ours); retrying in {Delay} until it lets go")]
    public static partial void WaitingForRemotePort(this ILogger logger, string tunnel, int port, DaemonDuration delay);

    [LoggerMessage(1130, LogLevel.Error, "needs attention: {Reason}; to fix: {Fix}; retrying in {Delay} meanwhile")]
    public static partial void NeedsAttention(this ILogger logger, string tunnel, string reason, string fix, DaemonDuration delay);

    [LoggerMessage(1140, LogLevel.Information, "stopping ssh pid {Pid} ({Reason}): SIGTERM now, SIGKILL after {Grace}")]
    public static partial void TunnelStopping(this ILogger logger, string tunnel, int pid, string reason, DaemonDuration grace);

    /// <summary><paramref name="reason"/>: "removed from the config", "disabled", "sshkeep is stopping".</summary>
    [LoggerMessage(1142, LogLevel.Information, "stopped ({Reason}); not restarting it")]
    public static partial void TunnelStopped(this ILogger logger, string tunnel, string reason);

    [LoggerMessage(1150, LogLevel.Information, "added by reload; starting it")]
    public static partial void TunnelAdded(this ILogger logger, string tunnel);

    [LoggerMessage(1151, LogLevel.Information, "removed by reload; stopping its ssh")]
    public static partial void TunnelRemoved(this ILogger logger, string tunnel);

    [LoggerMessage(1152, LogLevel.Information, "changed by reload ({Changes}); restarting its ssh")]
    public static partial void TunnelChanged(this ILogger logger, string tunnel, string changes);

    [LoggerMessage(1153, LogLevel.Information, "{Trigger} asked for a restart; stopping ssh and starting it again now")]
    public static partial void TunnelRestartRequested(this ILogger logger, string tunnel, string trigger);

    [LoggerMessage(1154, LogLevel.Information, "disabled in the config (enabled: false); not starting it")]
    public static partial void TunnelDisabled(this ILogger logger, string tunnel);

    /// <summary>At start, an ssh left by a killed daemon of this config (docs/daemon.md "When the daemon dies").</summary>
    [LoggerMessage(1155, LogLevel.Warning, "ended ssh pid {Pid}, left running by an earlier sshkeep of this config that was killed; starting the tunnel afresh")]
    public static partial void OrphanEnded(this ILogger logger, string tunnel, int pid);

    [LoggerMessage(1156, LogLevel.Error, "ssh pid {Pid}, left running by an earlier sshkeep of this config that was killed, outlived SIGKILL; the tunnel may find its port in use")]
    public static partial void OrphanSurvived(this ILogger logger, string tunnel, int pid);

    [LoggerMessage(1200, LogLevel.Information, "ssh: {Line}")]
    public static partial void SshStderr(this ILogger logger, string tunnel, string line);

    /// <summary>Lines read and classified but not logged (Supervision/StderrLogLimiter).</summary>
    [LoggerMessage(1203, LogLevel.Warning, "ssh: {Count} of stderr dropped in the last {Over} (more than {Burst} at once, then {PerSecond} a second, are not logged); going on")]
    public static partial void SshStderrRateLimited(this ILogger logger, string tunnel, DaemonCount count, DaemonDuration over, int burst, int perSecond);

    [LoggerMessage(1202, LogLevel.Warning, "StrictHostKeyChecking={Value}: ssh accepts an unknown or changed host key without asking, so a man in the middle goes unnoticed; starting anyway because the config asks for it")]
    public static partial void InsecureHostKeyChecking(this ILogger logger, string tunnel, string value);

    [LoggerMessage(1300, LogLevel.Warning, "cannot notify systemd at {Target}: {Reason}; going on without notifications (logged once)")]
    public static partial void SystemdNotifyFailed(this ILogger logger, string target, string reason);

    [LoggerMessage(1301, LogLevel.Warning, "NOTIFY_SOCKET={Value} is not a socket address sshkeep can use; going on without systemd notifications")]
    public static partial void SystemdNotifySocketUnusable(this ILogger logger, string value);

    [LoggerMessage(1302, LogLevel.Information, "systemd watchdog on: timeout {Timeout}; pinging every {Interval} while the supervisor loop responds")]
    public static partial void SystemdWatchdogEnabled(this ILogger logger, DaemonDuration timeout, DaemonDuration interval);

    [LoggerMessage(1303, LogLevel.Error, "the supervisor loop has not responded for {Silent}; withholding keep-alive messages so that systemd restarts sshkeep")]
    public static partial void SystemdWatchdogWithheld(this ILogger logger, DaemonDuration silent);

    [LoggerMessage(1304, LogLevel.Warning, "the supervisor loop responds again after {Silent} of silence; keep-alive messages resume")]
    public static partial void SystemdWatchdogResumed(this ILogger logger, DaemonDuration silent);

    [LoggerMessage(1500, LogLevel.Information, "serving the web page on http://{Address}/ with /metrics and /healthz")]
    public static partial void HttpListening(this ILogger logger, string address);

    [LoggerMessage(1501, LogLevel.Warning, "the HTTP listener {Address} is not a loopback address: other machines can read /metrics and a short /healthz (the page and its buttons stay for this machine's uid {OwnUid} and root); listen on 127.0.0.1 unless that is what you want")]
    public static partial void HttpNotLoopback(this ILogger logger, string address, uint ownUid);

    [LoggerMessage(1502, LogLevel.Information, "{Command} asked on the web page by {Peer}")]
    public static partial void WebControlRequested(this ILogger logger, string tunnel, string command, string peer);

    [LoggerMessage(1503, LogLevel.Warning, "refused {Method} {Path} from {Peer} with 403: {Reason}")]
    public static partial void HttpRefused(this ILogger logger, string method, string path, string peer, string reason);

    [LoggerMessage(1504, LogLevel.Error, "{Method} {Path} failed; answered 500 and going on")]
    public static partial void HttpFailed(this ILogger logger, string method, string path, Exception exception);

    [LoggerMessage(1505, LogLevel.Warning, "refused a connection from {Peer}: {Reason}; closed it")]
    public static partial void HttpConnectionRefused(this ILogger logger, string peer, string reason);

    [LoggerMessage(1506, LogLevel.Warning, "{Count} more refused requests in the last {Seconds} s (only the first {Burst} of every {Interval} s are logged one by one)")]
    public static partial void HttpRefusalsSummarised(this ILogger logger, int count, int seconds, int burst, int interval);
}
