using SshKeep.Ssh;

namespace SshKeep.Supervision;

/// <summary>The facts <see cref="TunnelRetryPolicy"/> decides on.</summary>
/// <param name="Exit">Null when ssh could not be started at all.</param>
/// <param name="CouldNotConnect">ssh said its TCP connect to the server failed.</param>
internal sealed record TunnelRunOutcome(
    ChildExit? Exit,
    SshStderrLine Decisive,
    bool ReachedUp,
    TimeSpan UpFor,
    TimeSpan SinceStart,
    string Reason,
    bool CouldNotConnect = false);
