using System.Globalization;
using SshKeep.Config;

namespace SshKeep.Cli.Doctor;

/// <summary>
/// For a <c>-R</c> forward, what no client-side check can see: when a session dies without a
/// goodbye (the client's network vanished), the server keeps its listening port until it notices
/// the session is dead, and a new ssh cannot listen there meanwhile. Only the server's
/// ClientAliveInterval bounds that.
/// </summary>
internal static class RemoteForwardReminder
{
    public const string Subject = "remote forward";

    public static DoctorCheck For(ForwardSpec forward, string host) =>
        new(DoctorVerdict.Info, Subject,
            string.Create(CultureInfo.InvariantCulture,
                $"{forward}: {host}'s sshd must set ClientAliveInterval (e.g. 15) and ClientAliveCountMax (e.g. 3) in sshd_config, so that a dead session frees port {forward.BindPort}"),
            "without them the server may hold the port for hours, and the tunnel waits in waiting-for-remote-port until it lets go");
}
