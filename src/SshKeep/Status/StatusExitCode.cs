using SshKeep.Daemon;
using SshKeep.Supervision;

namespace SshKeep.Status;

/// <summary>
/// <c>sshkeep status</c>'s exit code (the numbers of the LSB init-script status
/// actions): 0 every tunnel that should run is up, 1 some are not, 3 no daemon runs, 4 the status
/// could not be learned (permission denied, timeout, a broken answer).
/// </summary>
/// <remarks>
/// "Should run" leaves out tunnels in <c>stopped</c>: disabled in the config file, or being
/// removed by a reload. A daemon without tunnels is "all up" (nothing is down). A tunnel that is
/// starting counts as not up: a script waiting for "all up" should wait for it.
/// </remarks>
internal static class StatusExitCode
{
    public static int For(StatusSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return snapshot.Tunnels.All(t => t.State is TunnelState.Up or TunnelState.Stopped) ? ExitCodes.Ok : ExitCodes.Failure;
    }

    public static int For(ControlCallResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Outcome switch
        {
            ControlCallOutcome.NoDaemon => ExitCodes.NoDaemon,
            ControlCallOutcome.Answered when result.Response is { Ok: true, Status: { } status } => For(status),
            _ => ExitCodes.DaemonUnreachable,
        };
    }
}
