using SshKeep.Daemon;
using SshKeep.Supervision;

namespace SshKeep.Status;

/// <summary>docs/daemon.md, "sshkeep status": a starting tunnel is not up, so a script waiting for "all up" waits.</summary>
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
