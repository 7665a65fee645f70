namespace SshKeep.Tests.Integration.Infrastructure;

/// <summary>What an integration test needs from the machine; see <see cref="RequiresFactAttribute"/>.</summary>
[Flags]
public enum Needs
{
    None = 0,

    /// <summary>Effective uid 0 (network namespaces, iptables, sshd's privilege separation).</summary>
    Root = 1,

    /// <summary>/usr/sbin/sshd, ssh and ssh-keygen (packages openssh-server, openssh-client).</summary>
    Sshd = 2,

    /// <summary>Root plus unshare and ip, for <see cref="SshKeep.Tests.Integration.Infrastructure.NamespacedSshd"/>.</summary>
    NetworkNamespace = 4 | Root | Sshd,

    /// <summary>The real autossh, to compare sshkeep against (package autossh).</summary>
    Autossh = 8,

    /// <summary>Debian's headless browser, for the web page (package chromium).</summary>
    Chromium = 16,

    /// <summary>killall, which init and service scripts use to find autossh by name (package psmisc).</summary>
    Killall = 32,

    /// <summary>Root plus what a throwaway systemd boots with: /lib/systemd/systemd (systemd), unshare
    /// and nsenter (util-linux), ip (iproute2), overlayfs and a cgroup2 mount; see Integration/Systemd.</summary>
    Systemd = 64 | Root,

    /// <summary>systemd-socket-activate (package systemd): passes a listening socket as systemd does.</summary>
    SocketActivate = 128,
}
