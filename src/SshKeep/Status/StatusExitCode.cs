using SshKeep.Daemon;
using SshKeep.Supervision;

namespace SshKeep.Status;

/// <summary><c>sshkeep status</c>'s exit code, the numbers of the LSB init-script status actions
/// (docs/daemon.md "sshkeep status"): tunnels in <c>stopped</c> (disabled, or being removed) need
/// not be up, and one that is starting is not up: a script waiting for "all up" should wait for it.</summary>
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
