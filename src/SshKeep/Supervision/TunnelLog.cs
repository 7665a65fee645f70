using Microsoft.Extensions.Logging;

namespace SshKeep.Supervision;

/// <summary>
/// The tunnel supervisor's events (design convention 8): each says what happened and what happens
/// next. The tunnel's name is the first property, so every sink can put it first.
/// </summary>
internal static partial class TunnelLog
{
    [LoggerMessage(1100, LogLevel.Information, "{Tunnel}: starting ssh (attempt {Attempt}): {Command}")]
    public static partial void Starting(this ILogger logger, string tunnel, int attempt, string command);

    [LoggerMessage(1101, LogLevel.Information, "{Tunnel}: ssh {Pid} started; waiting for the session and forwards")]
    public static partial void Started(this ILogger logger, string tunnel, int pid);

    [LoggerMessage(1102, LogLevel.Information, "{Tunnel}: up after {Seconds:0.00}s (ssh {Pid})")]
    public static partial void Up(this ILogger logger, string tunnel, double seconds, int pid);

    [LoggerMessage(1103, LogLevel.Information, "{Tunnel}: ssh: {Line}")]
    public static partial void SshStderr(this ILogger logger, string tunnel, string line);

    [LoggerMessage(1104, LogLevel.Warning, "{Tunnel}: ssh exited with {How} after {Lived}; {Next}")]
    public static partial void Exited(this ILogger logger, string tunnel, string how, string lived, string next);

    [LoggerMessage(1105, LogLevel.Error, "{Tunnel}: needs attention: {Reason}. {Fix} Retrying every {Retry}.")]
    public static partial void NeedsAttention(this ILogger logger, string tunnel, string reason, string fix, string retry);

    [LoggerMessage(1106, LogLevel.Warning, "{Tunnel}: the server still holds remote port {Port} (a dead session's?); retrying in {Delay}")]
    public static partial void WaitingForRemotePort(this ILogger logger, string tunnel, int port, string delay);

    [LoggerMessage(1107, LogLevel.Error, "{Tunnel}: cannot start {Program}: {Reason}; retrying in {Delay}")]
    public static partial void SpawnFailed(this ILogger logger, string tunnel, string program, string reason, string delay);

    [LoggerMessage(1108, LogLevel.Warning, "{Tunnel}: ssh {Pid} was stopped (SIGSTOP); a stopped ssh forwards nothing, replacing it")]
    public static partial void ChildStopped(this ILogger logger, string tunnel, int pid);

    [LoggerMessage(1109, LogLevel.Information, "{Tunnel}: restart requested; stopping ssh {Pid} and starting it again")]
    public static partial void RestartRequested(this ILogger logger, string tunnel, int pid);

    [LoggerMessage(1110, LogLevel.Information, "{Tunnel}: retrying now instead of in {Remaining}")]
    public static partial void RetryingNow(this ILogger logger, string tunnel, string remaining);

    [LoggerMessage(1111, LogLevel.Information, "{Tunnel}: stopped")]
    public static partial void Stopped(this ILogger logger, string tunnel);

    [LoggerMessage(1112, LogLevel.Warning, "{Tunnel}: StrictHostKeyChecking=no was asked for: the server's identity is not checked, so a man in the middle can read this tunnel")]
    public static partial void InsecureHostKeyChecking(this ILogger logger, string tunnel);

    [LoggerMessage(1113, LogLevel.Information, "{Tunnel}: stable for {Seconds:0}s; back-off reset")]
    public static partial void Stable(this ILogger logger, string tunnel, double seconds);
}
