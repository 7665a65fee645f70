using Microsoft.Extensions.Logging;

// Every per-tunnel method takes the tunnel's name as its first parameter, `string tunnel`, and
// does not repeat it in the message: DaemonLoggerProvider writes it first on the line ("db: …")
// and as the "tunnel" field of JSON lines. The logging generator warns (SYSLIB1015) about a
// parameter the template does not mention, but still stores it in the event's state under its
// own name, which is exactly what the provider reads.
#pragma warning disable SYSLIB1015

namespace SshKeep.Logging;

/// <summary>
/// The daemon's log events (design.md §8): each says what happened and what happens next.
/// Event ids are fixed, in 1000–1999: 1000 daemon, 1050 reload and control, 1100 a tunnel's
/// life, 1200 ssh's own output and warnings about a tunnel's settings, 1300 systemd, 1400 event
/// hooks (<see cref="SshKeep.Hooks.HooksLog"/>).
/// Durations are <see cref="DaemonDuration"/> ("4s", "3m12s"; seconds in JSON). A message never
/// contains the tunnel name: it is the line's prefix.
/// </summary>
internal static partial class DaemonLog
{
    // --- the daemon (1000–1049) ---

    [LoggerMessage(1000, LogLevel.Information, "sshkeep {Version} starting {TunnelCount} from {ConfigPath} (pid {Pid})")]
    public static partial void DaemonStarting(this ILogger logger, string version, DaemonCount tunnelCount, string configPath, int pid);

    /// <summary>READY=1 was due (<see cref="SshKeep.Config.ReadyWhen"/>); sent to systemd when it listens.</summary>
    [LoggerMessage(1001, LogLevel.Information, "ready ({ReadyWhen}): {UpCount} of {TunnelCount} up; keeping them up until stopped")]
    public static partial void DaemonReady(this ILogger logger, string readyWhen, int upCount, DaemonCount tunnelCount);

    [LoggerMessage(1002, LogLevel.Information, "{Trigger}: stopping {TunnelCount} (SIGTERM to each ssh, SIGKILL after {Grace})")]
    public static partial void DaemonStopping(this ILogger logger, string trigger, DaemonCount tunnelCount, DaemonDuration grace);

    [LoggerMessage(1003, LogLevel.Information, "every tunnel is stopped; exiting with status {ExitCode}")]
    public static partial void DaemonStopped(this ILogger logger, int exitCode);

    /// <summary>A bug or an environment failure sshkeep cannot go on after.</summary>
    [LoggerMessage(1004, LogLevel.Critical, "{Reason}; stopping every tunnel and exiting with status {ExitCode}")]
    public static partial void DaemonFailed(this ILogger logger, string reason, int exitCode, Exception? exception);

    // --- reload and control (1050–1099) ---

    [LoggerMessage(1050, LogLevel.Information, "{Trigger}: reloading {ConfigPath}")]
    public static partial void ReloadRequested(this ILogger logger, string trigger, string configPath);

    [LoggerMessage(1051, LogLevel.Information, "reloaded {ConfigPath}: {Added} added (starting), {Removed} removed (stopping), {Changed} changed (restarting), {Unchanged} unchanged (left running)")]
    public static partial void ReloadApplied(this ILogger logger, string configPath, int added, int removed, int changed, int unchanged);

    /// <summary>Logged after one <see cref="ConfigError"/> per error.</summary>
    [LoggerMessage(1052, LogLevel.Error, "reload refused: {ErrorCount} in {ConfigPath} (each logged above); the running tunnels stay as they were")]
    public static partial void ReloadRefused(this ILogger logger, DaemonCount errorCount, string configPath);

    /// <summary>Logged after the <see cref="ConfigError"/> lines when a file had more errors than are
    /// kept (Config/ConfigErrorSink.MaxReported): the rest were counted, not collected.</summary>
    [LoggerMessage(1065, LogLevel.Error, "{ConfigPath}: {More} beyond these were not logged (only the first {Logged} are)")]
    public static partial void ConfigErrorsNotLogged(this ILogger logger, string configPath, DaemonCount more, int logged);

    /// <summary>One error of a file that failed validation, worded as <c>sshkeep check</c> words it.</summary>
    [LoggerMessage(1053, LogLevel.Error, "{ConfigPath}:{Line}: {Key}: {Problem}")]
    public static partial void ConfigError(this ILogger logger, string configPath, int line, string key, string problem);

    /// <summary><paramref name="outcome"/> is <see cref="SshKeep.Supervision.RetryNowReport.Describe"/>:
    /// which tunnels start now and which are left alone.</summary>
    [LoggerMessage(1054, LogLevel.Information, "retry-now from {Trigger}: {Outcome}")]
    public static partial void RetryNowDone(this ILogger logger, string trigger, string outcome);

    [LoggerMessage(1055, LogLevel.Debug, "control socket: {Command} from pid {PeerPid} (uid {PeerUid})")]
    public static partial void ControlCommand(this ILogger logger, string command, int peerPid, int peerUid);

    [LoggerMessage(1056, LogLevel.Warning, "control socket: refused a connection from uid {PeerUid} (only uid {OwnerUid} and root may control this daemon); still listening")]
    public static partial void ControlRefused(this ILogger logger, int peerUid, int ownerUid);

    [LoggerMessage(1057, LogLevel.Information, "network changed ({What}); waiting tunnels retry now, up tunnels are probed now")]
    public static partial void NetworkChanged(this ILogger logger, string what);

    [LoggerMessage(1058, LogLevel.Warning, "cannot watch for network changes ({Reason}); tunnels still recover through their reachability checks and back-off")]
    public static partial void NetworkWatchUnavailable(this ILogger logger, string reason);

    /// <summary>docs/daemon.md, "Parent-death signal": what a daemon without setpriv --pdeathsig loses.</summary>
    [LoggerMessage(1059, LogLevel.Information, "ssh is started without a parent-death signal ({Reason}): if the daemon is killed, its ssh keep running until the next start ends them")]
    public static partial void ParentDeathSignalUnavailable(this ILogger logger, string reason);

    // --- a tunnel's life (1100–1199) ---

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

    [LoggerMessage(1110, LogLevel.Information, "backing off ({Reason}); next start in {Delay} (attempt {Attempt})")]
    public static partial void BackoffWait(this ILogger logger, string tunnel, string reason, DaemonDuration delay, int attempt);

    [LoggerMessage(1111, LogLevel.Information, "{Trigger}: ending the wait; starting ssh now")]
    public static partial void WaitCutShort(this ILogger logger, string tunnel, string trigger);

    /// <summary><paramref name="problem"/>: <see cref="SshKeep.Health.ReachabilityOutcome.Problem"/>
    /// ("refused the connection …", "did not answer within 1s", "is unreachable: No route to host").</summary>
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

    [LoggerMessage(1122, LogLevel.Information, "ssh's connection {Local} → {Server} ended while the server did not answer; keeping it to reset it once the server answers, so the server lets go of the remote ports")]
    public static partial void DeadSessionKept(this ILogger logger, string tunnel, string local, string server);

    [LoggerMessage(1123, LogLevel.Information, "reset the dead session's connection {Local} → {Server}; the server drops that session and frees remote port {Port}; retrying in {Delay}")]
    public static partial void DeadSessionReset(this ILogger logger, string tunnel, string local, string server, int port, DaemonDuration delay);

    [LoggerMessage(1120, LogLevel.Warning, "the server still holds remote port {Port} (most likely for a dead session of ours); retrying in {Delay} until it lets go")]
    public static partial void WaitingForRemotePort(this ILogger logger, string tunnel, int port, DaemonDuration delay);

    /// <summary>A permanent failure: <paramref name="reason"/> says what ssh reported ("authentication
    /// refused"), <paramref name="fix"/> what the user must do ("check identity_file and the server's
    /// authorized_keys").</summary>
    [LoggerMessage(1130, LogLevel.Error, "needs attention: {Reason}; to fix: {Fix}; retrying in {Delay} meanwhile")]
    public static partial void NeedsAttention(this ILogger logger, string tunnel, string reason, string fix, DaemonDuration delay);

    [LoggerMessage(1140, LogLevel.Information, "stopping ssh pid {Pid} ({Reason}): SIGTERM now, SIGKILL after {Grace}")]
    public static partial void TunnelStopping(this ILogger logger, string tunnel, int pid, string reason, DaemonDuration grace);

    [LoggerMessage(1141, LogLevel.Warning, "ssh pid {Pid} was still running {Grace} after SIGTERM; sent SIGKILL")]
    public static partial void SshKilled(this ILogger logger, string tunnel, int pid, DaemonDuration grace);

    /// <summary><paramref name="reason"/>: "removed from the config", "disabled", "sshkeep is stopping".</summary>
    [LoggerMessage(1142, LogLevel.Information, "stopped ({Reason}); not restarting it")]
    public static partial void TunnelStopped(this ILogger logger, string tunnel, string reason);

    [LoggerMessage(1150, LogLevel.Information, "added by reload; starting it")]
    public static partial void TunnelAdded(this ILogger logger, string tunnel);

    [LoggerMessage(1151, LogLevel.Information, "removed by reload; stopping its ssh")]
    public static partial void TunnelRemoved(this ILogger logger, string tunnel);

    /// <summary><paramref name="changes"/> names what changed ("forwards, ssh_options").</summary>
    [LoggerMessage(1152, LogLevel.Information, "changed by reload ({Changes}); restarting its ssh")]
    public static partial void TunnelChanged(this ILogger logger, string tunnel, string changes);

    [LoggerMessage(1153, LogLevel.Information, "{Trigger} asked for a restart; stopping ssh and starting it again now")]
    public static partial void TunnelRestartRequested(this ILogger logger, string tunnel, string trigger);

    [LoggerMessage(1154, LogLevel.Information, "disabled in the config (enabled: false); not starting it")]
    public static partial void TunnelDisabled(this ILogger logger, string tunnel);

    /// <summary>At start, an ssh an earlier daemon of this config left running when it was killed
    /// (docs/daemon.md "When the daemon dies"); <paramref name="tunnel"/> is from ssh's environment.</summary>
    [LoggerMessage(1155, LogLevel.Warning, "ended ssh pid {Pid}, left running by an earlier sshkeep of this config that was killed; starting the tunnel afresh")]
    public static partial void OrphanEnded(this ILogger logger, string tunnel, int pid);

    [LoggerMessage(1156, LogLevel.Error, "ssh pid {Pid}, left running by an earlier sshkeep of this config that was killed, outlived SIGKILL; the tunnel may find its port in use")]
    public static partial void OrphanSurvived(this ILogger logger, string tunnel, int pid);

    // --- ssh's output, and warnings about a tunnel's settings (1200–1299) ---

    /// <summary>One line ssh wrote on stderr, as it was (the provider escapes control characters).</summary>
    [LoggerMessage(1200, LogLevel.Information, "ssh: {Line}")]
    public static partial void SshStderr(this ILogger logger, string tunnel, string line);

    [LoggerMessage(1201, LogLevel.Warning, "ssh's stderr came faster than it could be read; lines dropped: {Count}; going on")]
    public static partial void SshStderrDropped(this ILogger logger, string tunnel, int count);

    /// <summary>ssh's stderr came faster than the log takes it (Supervision/StderrLogLimiter): the
    /// lines were read and classified, only not logged.</summary>
    [LoggerMessage(1203, LogLevel.Warning, "ssh: {Count} of stderr dropped in the last {Over} (more than {Burst} at once, then {PerSecond} a second, are not logged); going on")]
    public static partial void SshStderrRateLimited(this ILogger logger, string tunnel, DaemonCount count, DaemonDuration over, int burst, int perSecond);

    /// <summary>StrictHostKeyChecking=no is never added silently; warned about every time the tunnel starts.</summary>
    [LoggerMessage(1202, LogLevel.Warning, "StrictHostKeyChecking={Value}: ssh accepts an unknown or changed host key without asking, so a man in the middle goes unnoticed; starting anyway because the config asks for it")]
    public static partial void InsecureHostKeyChecking(this ILogger logger, string tunnel, string value);

    // --- systemd (1300–1399) ---

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
}
