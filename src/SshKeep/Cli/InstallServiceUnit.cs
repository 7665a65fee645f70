using System.Globalization;
using System.Text;
using SshKeep.Logging;

namespace SshKeep.Cli;

/// <summary>
/// The systemd unit <c>sshkeep install-service</c> prints or writes. Pure: the
/// text depends on the <see cref="InstallServiceSpec"/> only, and golden files lock both variants.
/// Every line carries a comment saying why it is there, because whoever edits the unit later
/// (or reviews it) needs to know what a sandboxing line costs ssh.
/// </summary>
internal static class InstallServiceUnit
{
    /// <summary>The unit file's name for the default tunnels file.</summary>
    public const string DefaultName = "sshkeep.service";

    /// <summary>One unit name per tunnels file, so that a second file does not overwrite the first
    /// unit: <c>sshkeep.service</c> for the default file (null key), else
    /// <c>sshkeep-KEY.service</c> with the file's <see cref="SshKeep.Daemon.InstanceKey"/>, which
    /// also names its run directory.</summary>
    public static string NameFor(string? instanceKey) => instanceKey is null ? DefaultName : $"sshkeep-{instanceKey}.service";

    /// <summary>The name systemctl is given: the file name without <c>.service</c>.</summary>
    public static string Stem(string unitName) => unitName.EndsWith(".service", StringComparison.Ordinal) ? unitName[..^".service".Length] : unitName;

    /// <summary>The unit text, '\n' line ends.</summary>
    public static string Render(InstallServiceSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var text = new StringBuilder(8192);
        bool user = spec.UserUnit;
        string systemctl = user ? "systemctl --user" : "systemctl";
        string journalctl = user ? "journalctl --user" : "journalctl";

        string unit = Stem(spec.UnitName);
        if (spec.Packaged)
        {
            string instance = IsTemplate(spec.UnitName) ? unit + "NAME" : unit;
            Comment($"{spec.UnitName}: keeps the SSH tunnels of {spec.ConfigPath} up.");
            Comment("Installed by the sshkeep package (docs/packaging.md); an upgrade overwrites this file,");
            Comment($"so put local changes in a drop-in instead (`systemctl edit {instance}`), e.g. User=.");
            Comment($"Start:  systemctl enable --now {instance}");
            Comment($"Watch:  systemctl status {instance}; journalctl -u {instance}; sshkeep status -c {spec.ConfigPath.Replace(InstanceSpecifier, "NAME", StringComparison.Ordinal)}");
            Comment($"Remove: systemctl disable --now {instance}");
        }
        else
        {
            Comment($"{spec.UnitName}: keeps the SSH tunnels of {spec.ConfigPath} up.");
            Comment($"{WrittenBy}{(user ? " --user" : "")}`. Running it again overwrites this file, so put");
            Comment($"local changes in a drop-in instead (`{systemctl} edit {unit}`).");
            Comment($"Start:  {systemctl} daemon-reload && {systemctl} enable --now {unit}");
            if (user)
            {
                Comment("Keep the tunnels up after you log out, and start them at boot: loginctl enable-linger");
            }
            Comment($"Watch:  {systemctl} status {unit}; {journalctl} -u {unit}; sshkeep status -c {spec.ConfigPath}");
            Comment($"Remove: sshkeep uninstall-service{(user ? " --user" : "")} -c {spec.ConfigPath} --write");
        }
        Blank();

        Section("Unit");
        Line("Description", "sshkeep: SSH tunnels from " + Specifiers(InstallServiceQuoting.Text(spec.ConfigPath)));
        Line("Documentation", spec.Packaged ? "man:sshkeep(1) man:sshkeep-tunnels(5) man:ssh(1) man:ssh_config(5)" : "man:ssh(1) man:ssh_config(5)");
        if (user)
        {
            Comment("No network-online.target: a user manager cannot wait for system units. sshkeep");
            Comment("retries by itself when the network comes up later or changes.");
        }
        else
        {
            Comment("Start once the network is configured, so the first attempts have an address and a");
            Comment("route. This only spares failed attempts at boot: sshkeep retries by itself when the");
            Comment("network comes up later or changes.");
            Line("Wants", "network-online.target");
            Line("After", "network-online.target");
        }
        Comment("Never stop restarting: by default, 5 failed starts within 10s would leave the tunnels");
        Comment("down until someone runs `systemctl reset-failed`.");
        Line("StartLimitIntervalSec", "0");
        Blank();

        Section("Service");
        Comment("sshkeep tells systemd when it is ready (READY=1 once every tunnel has been up or needs");
        Comment("attention, or after ready_timeout: ready_when in the config), what it is doing (STATUS=,");
        Comment("shown by `systemctl status`) and that it is alive (WATCHDOG=1).");
        Line("Type", "notify");
        Comment("Accept those messages from sshkeep only, never from ssh or a ProxyCommand it runs.");
        Line("NotifyAccess", "main");
        Comment("The tunnels file is named explicitly: the service does not run in your shell's directory.");
        if (spec.RunDirectory is { } runDirectory)
        {
            Comment("The run directory too: `sshkeep status -c FILE` looks there, as root and as User=.");
            Line("ExecStart", Specifiers(InstallServiceQuoting.ExecLine([.. spec.SshkeepCommand, "up", "-c", spec.ConfigPath, "--run-dir", runDirectory])));
        }
        else
        {
            Line("ExecStart", Specifiers(InstallServiceQuoting.ExecLine([.. spec.SshkeepCommand, "up", "-c", spec.ConfigPath])));
        }
        Comment("SIGHUP reloads the file: only added, removed and changed tunnels are touched.");
        Line("ExecReload", "/bin/kill -HUP $MAINPID");
        if (!user)
        {
            Comment("The account ssh runs as: its ~/.ssh (keys, config, known_hosts) is what ssh uses. A");
            Comment("system unit has no ssh-agent, so its keys must not need a passphrase. Group= is left");
            Comment("out: systemd then uses the account's primary group.");
            if (spec.Packaged)
            {
                Comment("root, as autossh run from an init script was: to run ssh as an account of its own,");
                Comment("set User= in a drop-in; the run directory below then belongs to that account.");
            }
            Line("User", spec.RunAs ?? "root");
        }
        Comment("Restart after a crash, a kill or a watchdog timeout; a clean stop (exit 0) stays stopped.");
        Line("Restart", "on-failure");
        Comment("Wait a little before that restart (tunnels do their own, faster, retries inside).");
        Line("RestartSec", "2");
        Comment("Exit status 78 means the tunnels file is invalid: restarting cannot fix that, so the");
        Comment("unit fails and `systemctl status` shows the errors instead of a restart every 2s.");
        Line("RestartPreventExitStatus", "78");
        Comment("sshkeep sends WATCHDOG=1 only while its supervisor loop responds: if the loop hangs,");
        Comment($"systemd kills and restarts sshkeep within about {Duration(spec.Watchdog * 1.5)}.");
        Line("WatchdogSec", Seconds(spec.Watchdog));
        Comment("The watchdog's kill is SIGABRT; a sshkeep that does not die of it (a stopped process");
        Comment("holds it pending) gets SIGKILL this much later, not after the stop timeout below.");
        Line("TimeoutAbortSec", "5");
        Comment("Start-up lasts until READY=1, about ready_timeout (30s by default) at most. Until");
        Comment("then sshkeep extends this timeout itself as long as its loop responds, so a slow server");
        Comment("never makes systemd kill the tunnels that are already up; a hung start still fails.");
        Line("TimeoutStartSec", "90");
        Comment("Stopping: SIGTERM reaches sshkeep alone, which stops every ssh itself (SIGTERM, then");
        Comment($"SIGKILL after {Duration(spec.StopGrace)}) and exits. Whatever is still in the unit's cgroup after that, or");
        Comment("after TimeoutStopSec=, systemd kills with SIGKILL. With the default (control-group)");
        Comment("every ssh would get SIGTERM at the same moment as sshkeep, and exit as if it failed.");
        Line("KillMode", "mixed");
        Comment("Room for the grace above, plus writing status.json and closing the control socket.");
        Line("TimeoutStopSec", Seconds(StopTimeout(spec.StopGrace)));
        if (user)
        {
            Comment("The run directory is $XDG_RUNTIME_DIR/sshkeep, made by sshkeep itself.");
            Comment("ssh uses your agent only if this manager knows SSH_AUTH_SOCK, which a user unit does");
            Comment("not take from your shell: run `systemctl --user import-environment SSH_AUTH_SOCK`");
            Comment("once per login, or set it in ~/.config/environment.d/*.conf.");
        }
        else
        {
            Comment("The run directory (status.json, control socket), one per tunnels file, owned by User=");
            Comment("and removed on stop; systemd keeps it writable despite ProtectSystem=strict below, and");
            Comment("makes /run/sshkeep-service root-owned, so `sshkeep status` as root trusts the daemon.");
            Line("RuntimeDirectory", Specifiers(Path.GetRelativePath("/run", spec.RunDirectory ?? SshKeep.Daemon.RunDirectory.ServicePathFor("sshkeep"))));
            Comment("Only User= may enter the run directory.");
            Line("RuntimeDirectoryMode", "0700");
        }
        Comment("Files sshkeep creates are readable by their owner only.");
        Line("UMask", "0077");
        Blank();

        Comment("Sandboxing, checked against what ssh needs: read ~/.ssh and /etc/ssh, connect out, run");
        Comment("what ssh_config names (ProxyCommand, ProxyJump), use a Unix socket (agent, run directory).");
        if (user)
        {
            Comment("Settings that need a mount namespace (ProtectSystem=, ProtectHome=, PrivateTmp=, …)");
            Comment("are left out: in a user unit they need unprivileged user namespaces, which some");
            Comment("systems disable, and PrivateTmp= would hide an agent socket kept in /tmp.");
        }
        Comment("No privileges gained through setuid programs. This disables ssh-keysign, so");
        Comment("HostbasedAuthentication cannot work; keys and certificates do.");
        Line("NoNewPrivileges", "yes");
        if (!user)
        {
            Comment("The whole file system is read-only, except the run directory.");
            Line("ProtectSystem", "strict");
            Comment("Homes are read-only: ssh reads keys, config and known_hosts but cannot add to");
            Comment("known_hosts. Put each server's host key there before starting (`ssh HOST` once as");
            Comment("User=, or ssh-keyscan); StrictHostKeyChecking=accept-new cannot remember keys here.");
            Line("ProtectHome", "read-only");
            Comment("A private /tmp: neither sshkeep nor ssh needs the shared one.");
            Line("PrivateTmp", "yes");
            Comment("Only pseudo devices (/dev/null, /dev/urandom, /dev/tty …). FIDO security keys (sk-*");
            Comment("keys) cannot be used; they would need a touch at every reconnect anyway.");
            Line("PrivateDevices", "yes");
            Comment("Neither sshkeep nor ssh changes kernel settings (/proc/sys, /sys) …");
            Line("ProtectKernelTunables", "yes");
            Comment("… loads kernel modules …");
            Line("ProtectKernelModules", "yes");
            Comment("… reads the kernel log …");
            Line("ProtectKernelLogs", "yes");
            Comment("… writes to cgroups …");
            Line("ProtectControlGroups", "yes");
            Comment("… sets the clock …");
            Line("ProtectClock", "yes");
            Comment("… or changes the host name.");
            Line("ProtectHostname", "yes");
        }
        Comment("Unix sockets (agent, control socket, systemd), IPv4 and IPv6 (the connections), netlink");
        Comment("(network change events, and ssh's `Match localnetwork`).");
        Line("RestrictAddressFamilies", "AF_UNIX AF_INET AF_INET6 AF_NETLINK");
        Comment("No new namespaces (containers): neither program makes any.");
        Line("RestrictNamespaces", "yes");
        Comment("No real-time scheduling: a busy tunnel must not starve the machine.");
        Line("RestrictRealtime", "yes");
        Comment("No setuid or setgid files can be made.");
        Line("RestrictSUIDSGID", "yes");
        Comment("No switching of the execution domain (personality(2)).");
        Line("LockPersonality", "yes");
        Comment("Only the machine's native system call ABI.");
        Line("SystemCallArchitectures", "native");
        if (!user)
        {
            Comment("No capabilities. To forward a local port below 1024 (-L 80:…), add");
            Comment("CAP_NET_BIND_SERVICE here and in AmbientCapabilities=.");
            Line("CapabilityBoundingSet", "");
        }
        Comment("MemoryDenyWriteExecute= is left out on purpose: .NET's JIT writes code, then runs it.");
        Blank();

        Section("Install");
        Comment(user ? "Start with the user's manager (at login, or at boot with linger)." : "Start at boot.");
        Line("WantedBy", user ? "default.target" : "multi-user.target");
        return text.ToString();

        void Section(string name) => text.Append('[').Append(name).Append("]\n");
        void Line(string key, string value) => text.Append(key).Append('=').Append(value).Append('\n');
        void Comment(string line) => text.Append("# ").Append(line).Append('\n');
        void Blank() => text.Append('\n');
        // A template's config path and run directory name its instance with %i: left for systemd
        // to expand instead of escaped as a literal '%' (the only '%' a packaged path has).
        string Specifiers(string value) =>
            spec.Packaged && IsTemplate(spec.UnitName) ? value.Replace("%" + InstanceSpecifier, InstanceSpecifier, StringComparison.Ordinal) : value;
    }

    /// <summary>systemd's specifier for a template's instance name (systemd.unit(5), "Specifiers").</summary>
    public const string InstanceSpecifier = "%i";

    /// <summary>A template unit (<c>NAME@.service</c>), started as <c>NAME@INSTANCE</c>.</summary>
    public static bool IsTemplate(string unitName) => unitName.EndsWith("@.service", StringComparison.Ordinal);

    /// <summary>The start of the second comment line of every unit install-service writes:
    /// uninstall-service removes only files that have it.</summary>
    public const string WrittenBy = "Written by `sshkeep install-service";

    /// <summary>TimeoutStopSec=: the stop grace (every ssh is stopped at once, so one grace in all)
    /// plus 25 s of room, at least 30 s.</summary>
    public static TimeSpan StopTimeout(TimeSpan grace) =>
        TimeSpan.FromSeconds(Math.Max(30, Math.Ceiling((grace + TimeSpan.FromSeconds(25)).TotalSeconds)));

    private static string Seconds(TimeSpan span) =>
        Math.Ceiling(span.TotalSeconds).ToString(CultureInfo.InvariantCulture);

    private static string Duration(TimeSpan span) => new DaemonDuration(span).ToString();
}
