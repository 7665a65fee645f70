using SshKeep.Config;
using SshKeep.Health;
using SshKeep.Ssh;

namespace SshKeep.Cli.Doctor;

/// <summary>Runs every doctor check (docs/doctor.md, "The checks"); all it learns comes through <see cref="IDoctorSystem"/>.</summary>
internal sealed class DoctorExamination(IDoctorSystem system)
{
    public const string MachineTitle = "this machine";

    public const string TunnelsFileTitle = "tunnels file";

    public async Task<DoctorReport> ExamineAsync(SshKeepConfig config, CancellationToken cancellationToken)
    {
        var (machine, kernel) = await MachineAsync(config.Tunnels.Select(t => t.SshPath), cancellationToken);
        if (ConfigFileCheck(config.Path) is { } unsafeFile) machine.Add(unsafeFile);
        var sections = new List<DoctorSection> { new(MachineTitle, machine) };
        foreach (var tunnel in config.Tunnels)
        {
            foreach (var destination in tunnel.Destinations)
            {
                var title = tunnel.Destinations.Count == 1
                    ? $"tunnel {ConfigCheck.Summary(tunnel)}"
                    : $"tunnel {tunnel.Name}: server {destination}";
                sections.Add(new DoctorSection(title, await TunnelAsync(tunnel, destination, kernel, cancellationToken)));
            }
        }

        return new DoctorReport(config.Path, config.Tunnels.Count, sections);
    }

    private DoctorCheck? ConfigFileCheck(string configPath)
    {
        var file = system.InspectFile(configPath);
        var directory = system.InspectFile(Path.GetDirectoryName(configPath) ?? "/");
        if (file is null || directory is null) return null;
        var problem = ConfigFilePermissions.Problem(configPath, file.OwnerUid, file.Permissions, directory.OwnerUid, directory.Permissions, system.UserId);
        return problem is null ? null : new DoctorCheck(DoctorVerdict.Warn, "tunnels file permissions", problem,
            "`sshkeep up` refuses such a file (ssh refuses an ssh_config others can write, for the same reason)",
            $"chmod go-w the file and its directory, or run `sshkeep up {ConfigFilePermissions.AllowFlag}` if you mean it");
    }

    public async Task<DoctorReport> ExamineWithoutConfigAsync(string configPath, string origin, CancellationToken cancellationToken)
    {
        var (machine, _) = await MachineAsync([TunnelConfig.DefaultSshPath], cancellationToken);
        var file = new DoctorCheck(DoctorVerdict.Warn, "tunnels file", $"none at {configPath} ({origin})",
            "without one there are no tunnels to check, and `sshkeep up` has nothing to keep up",
            "create it (docs/examples/tunnels.yaml is a start), or name another with -c FILE or SSHKEEP_CONFIG");
        return new DoctorReport(configPath, 0, [new DoctorSection(MachineTitle, machine), new DoctorSection(TunnelsFileTitle, [file])]);
    }

    private async Task<(List<DoctorCheck> Checks, KernelKeepalive? Kernel)> MachineAsync(IEnumerable<string> sshPaths, CancellationToken cancellationToken)
    {
        var machine = new List<DoctorCheck>();
        foreach (var sshPath in sshPaths.Distinct(StringComparer.Ordinal))
        {
            machine.Add(SshVersionCheck.Judge(sshPath, await system.RunAsync(sshPath, ["-V"], cancellationToken)));
        }

        var kernel = KernelKeepalive.Parse(system.ReadKernelSetting("tcp_keepalive_time"),
            system.ReadKernelSetting("tcp_keepalive_intvl"), system.ReadKernelSetting("tcp_keepalive_probes"));
        machine.Add(KernelKeepalive.Judge(kernel));
        return (machine, kernel);
    }

    private async Task<List<DoctorCheck>> TunnelAsync(TunnelConfig tunnel, string destination, KernelKeepalive? kernel,
        CancellationToken cancellationToken)
    {
        var arguments = TunnelSshArguments.Build(tunnel, destination: destination);
        var output = await system.RunAsync(tunnel.SshPath, ["-G", .. arguments], cancellationToken);
        if (!output.Succeeded)
        {
            return [new DoctorCheck(DoctorVerdict.Fail, "ssh configuration", $"{tunnel.SshPath} -G failed: {output.FirstLine}",
                "ssh cannot use this tunnel's settings (and the other checks of this tunnel need them)",
                $"run {tunnel.SshPath} -G with the tunnel's options to see what ssh says; fix ssh_options or your ssh_config")];
        }

        var ssh = SshGOutput.Parse(output.StandardOutput);
        var host = ssh.First("hostname") ?? destination;
        var port = ssh.Number("port") ?? 22;
        return
        [
            KeepaliveCheck.Judge(ssh, kernel),
            .. IdentityFiles(tunnel, ssh),
            await KnownHostsAsync(tunnel, destination, ssh, host, port, cancellationToken),
            await ReachAsync(ssh, host, port, cancellationToken),
            .. tunnel.Forwards.Where(f => f.Kind == ForwardKind.Remote).Select(f => RemoteForward(f, host)),
        ];
    }

    private IEnumerable<DoctorCheck> IdentityFiles(TunnelConfig tunnel, SshGOutput ssh)
    {
        if (tunnel.IdentityFile is { } identity)
        {
            return [IdentityFileCheck.Judge(identity, system.InspectFile(identity), system.UserId)];
        }

        var candidates = ssh.All("identityfile").Select(Expand).Distinct(StringComparer.Ordinal).ToList();
        var existing = candidates.Select(path => (Path: path, Facts: system.InspectFile(path))).Where(c => c.Facts is not null).ToList();
        return existing.Count == 0
            ? [IdentityFileCheck.NoneFound(candidates)]
            : existing.Select(c => IdentityFileCheck.Judge(c.Path, c.Facts, system.UserId));
    }

    private async Task<DoctorCheck> KnownHostsAsync(TunnelConfig tunnel, string destination, SshGOutput ssh, string host, int port,
        CancellationToken cancellationToken)
    {
        var name = KnownHostsCheck.NameFor(ssh.IsNone("hostkeyalias") ? host : ssh.First("hostkeyalias")!, port);
        var files = ssh.Words("userknownhostsfile").Concat(ssh.Words("globalknownhostsfile")).Select(Expand).Distinct(StringComparer.Ordinal);
        var lookups = new List<(string, KnownHostsLookup)>();
        foreach (var file in files)
        {
            lookups.Add((file, await system.FindKnownHostAsync(file, name, cancellationToken)));
        }

        return KnownHostsCheck.Judge(name, lookups, ssh.First("stricthostkeychecking"), ConnectByHand(tunnel, destination));
    }

    private async Task<DoctorCheck> ReachAsync(SshGOutput ssh, string host, int port, CancellationToken cancellationToken) =>
        (ssh.IsNone("proxycommand"), ssh.IsNone("proxyjump") ? null : ServerReachCheck.FirstJump(ssh.First("proxyjump")!)) switch
        {
            (false, _) => ServerReachCheck.NotChecked(host, ssh.First("proxycommand")!),
            (_, { } hop) => ServerReachCheck.Judge(hop.Host, hop.Port, "ProxyJump",
                await system.ConnectAsync(hop.Host, hop.Port, ServerReachCheck.Timeout, cancellationToken)),
            _ when !ssh.IsNone("proxyjump") => ServerReachCheck.NotChecked(host, "ProxyJump " + ssh.First("proxyjump")),
            _ => ServerReachCheck.Judge(host, port, null, await system.ConnectAsync(host, port, ServerReachCheck.Timeout, cancellationToken)),
        };

    public static DoctorCheck RemoteForward(ForwardSpec forward, string host) =>
        new(DoctorVerdict.Info, "remote forward",
            string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{forward}: {host}'s sshd must set ClientAliveInterval (e.g. 15) and ClientAliveCountMax (e.g. 3) in sshd_config, so that a dead session frees port {forward.BindPort}"),
            "without them the server may hold the port for hours, and the tunnel waits in waiting-for-remote-port until it lets go");

    /// <summary>Run once by hand, it records the host key where the tunnel's ssh looks (its UserKnownHostsFile…).</summary>
    private static string ConnectByHand(TunnelConfig tunnel, string destination)
    {
        var words = new List<string> { tunnel.SshPath };
        // Without StrictHostKeyChecking: by hand, ssh should ask, showing the fingerprint.
        foreach (var (key, value) in tunnel.SshOptions.Where(o => !o.Key.Equals("StrictHostKeyChecking", StringComparison.OrdinalIgnoreCase)))
            words.AddRange(["-o", $"{key}={value}"]);
        if (tunnel.Port is { } port) words.AddRange(["-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        if (tunnel.IdentityFile is { } identity) words.AddRange(["-i", identity]);
        words.Add(destination);
        return string.Join(' ', words.Select(w => w.Any(c => char.IsWhiteSpace(c) || c is '\'' or '"' or '$' or '\\') ? $"'{w.Replace("'", "'\\''", StringComparison.Ordinal)}'" : w));
    }

    /// <summary><c>~/</c> and <c>%d</c> (the home directory), which ssh -G leaves in identity file paths.</summary>
    private string Expand(string path)
    {
        var home = system.HomeDirectory?.TrimEnd('/');
        if (home is null) return path;
        if (path.StartsWith("~/", StringComparison.Ordinal)) return home + path[1..];
        return path.StartsWith("%d/", StringComparison.Ordinal) ? home + path[2..] : path;
    }
}
