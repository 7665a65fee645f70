using SshKeep.Ssh;

namespace SshKeep.Supervision;

/// <summary>How one ssh run of a tunnel ended: the facts <see cref="TunnelRetryPolicy"/> decides on.</summary>
/// <param name="Exit">How ssh ended; null when it could not be started at all.</param>
/// <param name="Decisive">The last stderr line that said why, if any.</param>
/// <param name="SinceStart">How long the run lasted, from start to exit.</param>
/// <param name="Reason">A short human reason: the decisive line, or how ssh ended.</param>
/// <param name="CouldNotConnect">ssh said its TCP connect to the server failed: the run never reached it.</param>
internal sealed record TunnelRunOutcome(
    ChildExit? Exit,
    SshStderrLine Decisive,
    bool ReachedUp,
    TimeSpan UpFor,
    TimeSpan SinceStart,
    string Reason,
    bool CouldNotConnect = false);
