using System.Globalization;
using System.Text.Json;
using SshKeep.Tests.Fakes;
using SshKeep.Tests.Integration.Infrastructure;
using SshKeep.Tests.Packaging;
using Xunit.Abstractions;

namespace SshKeep.Tests.Integration.Systemd;

/// <summary>
/// The amd64 package installed, upgraded, removed and purged with dpkg inside a throwaway systemd
/// (docs/packaging.md): the overlay of / gives the machine the host's packages, Debian's autossh
/// among them, and keeps the host untouched. Each test boots its own machine.
/// </summary>
[Collection(ThrowawaySystemdCollection.Name)]
public sealed class PackageInSystemdTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan DpkgDeadline = TimeSpan.FromMinutes(3);
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [PackageInSystemdFact]
    public async Task Installing_over_debians_autossh_puts_sshkeep_in_its_place_and_a_purge_leaves_neither_behind()
    {
        await using var machine = await BootAsync();
        Assert.True(await InstalledAsync(machine, "autossh"), "Debian's autossh is not installed on this machine (test.sh installs it as root)");

        await DpkgAsync(machine, "-i", CopyInto(machine, BuiltPackages.PathFor("amd64")));

        // Conflicts + Replaces: dpkg removed the autossh package in favour of sshkeep.
        Assert.False(await InstalledAsync(machine, "autossh"), "the autossh package is still installed");
        Assert.Equal("sshkeep", (await machine.ExecSuccessfullyAsync("readlink", "/usr/bin/autossh")).StandardOutput.Trim());
        Assert.Equal("sshkeep: /usr/bin/autossh", (await machine.ExecSuccessfullyAsync("dpkg", "-S", "/usr/bin/autossh")).StandardOutput.Trim());
        Assert.Equal("autossh 1.4g", (await machine.ExecSuccessfullyAsync("autossh", "-V")).StandardOutput.Trim());
        Assert.Equal($"sshkeep {BuiltPackages.Version} (autossh 1.4g compatible)", (await machine.ExecSuccessfullyAsync("sshkeep", "-V")).StandardOutput.Trim());
        // Nothing is enabled or started by the package; the units are there to be enabled.
        Assert.Equal("disabled", (await machine.SystemctlAsync("is-enabled", "sshkeep.service")).StandardOutput.Trim());
        Assert.Equal("inactive", (await machine.SystemctlAsync("is-active", "sshkeep.service")).StandardOutput.Trim());
        Assert.True(Directory.Exists(machine.PathInside("/etc/sshkeep")), "no /etc/sshkeep after the install");

        await DpkgAsync(machine, "-P", "sshkeep");

        Assert.False(File.Exists(machine.PathInside("/usr/bin/autossh")) || IsLink(machine.PathInside("/usr/bin/autossh")), "/usr/bin/autossh is still there");
        Assert.False(Directory.Exists(machine.PathInside("/etc/sshkeep")), "the empty /etc/sshkeep is still there after the purge");
        Assert.Empty(Directory.EnumerateFiles(machine.PathInside("/usr/lib/systemd/system"), "sshkeep*"));
        Assert.Equal("", (await machine.ExecSuccessfullyAsync("dpkg", "--audit")).StandardOutput.Trim());
    }

    [PackageInSystemdFact]
    public async Task An_instance_runs_through_enable_upgrade_remove_and_purge_and_the_administrators_tunnels_file_stays()
    {
        await using var machine = await BootAsync();
        await MachineSshd.StartAsync(machine);
        await DpkgAsync(machine, "-i", CopyInto(machine, BuiltPackages.PathFor("amd64")));

        const string config = "/etc/sshkeep/edge.yaml";
        string yaml = MachineService.Yaml([new MachineTunnel("one", 10011)]);
        await machine.WriteFileAsync(config, yaml);
        var cat = await machine.SystemctlAsync("cat", "sshkeep@edge");
        Assert.True(cat.Succeeded, cat.StandardError);
        Assert.Contains("ExecStart=/usr/bin/sshkeep up -c /etc/sshkeep/%i.yaml --run-dir /run/sshkeep-service/%i", cat.StandardOutput, StringComparison.Ordinal);

        (await machine.ExecAsync(["systemctl", "enable", "--now", "sshkeep@edge"], TimeSpan.FromSeconds(90))).EnsureSuccess();
        // `sshkeep status -c FILE` finds the instance's run directory by itself (docs/packaging.md).
        await TunnelUpAsync(machine, config, "one");
        int before = await MainPidAsync(machine, "sshkeep@edge");

        // Upgrade to a higher version: the running instance is restarted on the new package.
        string newer = $"{BuiltPackages.Version}+test1";
        await DpkgAsync(machine, "-i", CopyInto(machine, await RepackAsync(BuiltPackages.PathFor("amd64"), newer)));
        Assert.Equal(newer, (await machine.ExecSuccessfullyAsync("dpkg-query", "-W", "-f=${Version}", "sshkeep")).StandardOutput);
        Assert.Equal("active", await PropertyAsync(machine, "sshkeep@edge", "ActiveState"));
        int after = await MainPidAsync(machine, "sshkeep@edge");
        Assert.NotEqual(before, after);
        Assert.Equal("enabled", (await machine.SystemctlAsync("is-enabled", "sshkeep@edge")).StandardOutput.Trim());
        Assert.Equal(yaml, await File.ReadAllTextAsync(machine.PathInside(config)));
        await TunnelUpAsync(machine, config, "one");

        // Remove: stopped, no process left, the tunnels file and the enablement kept.
        await DpkgAsync(machine, "-r", "sshkeep");
        Assert.Equal("", (await machine.ExecAsync(["pgrep", "-x", "sshkeep|ssh"])).StandardOutput.Trim());
        Assert.NotEqual("active", await PropertyAsync(machine, "sshkeep@edge", "ActiveState"));
        Assert.Equal(yaml, await File.ReadAllTextAsync(machine.PathInside(config)));
        string wants = machine.PathInside("/etc/systemd/system/multi-user.target.wants/sshkeep@edge.service");
        Assert.True(IsLink(wants), "remove dropped the enablement; only purge does");

        // Purge: the enablement goes; the administrator's tunnels file (and so /etc/sshkeep) stays.
        await DpkgAsync(machine, "-P", "sshkeep");
        Assert.False(IsLink(wants), "purge left the enablement link");
        Assert.Equal(yaml, await File.ReadAllTextAsync(machine.PathInside(config)));
        Assert.Equal("", (await machine.SystemctlAsync("list-units", "--all", "--no-legend", "sshkeep.service", "sshkeep@*")).StandardOutput.Trim());
        Assert.Equal("", (await machine.ExecAsync(["pgrep", "-x", "sshkeep|ssh"])).StandardOutput.Trim());
    }

    private static async Task<ThrowawaySystemd> BootAsync()
    {
        var machine = await ThrowawaySystemd.BootAsync();
        // A container image's policy-rc.d ("exit 101": start nothing while building images) would
        // keep deb-systemd-invoke from restarting and stopping units; a booted machine has none.
        // This removes it from the machine's overlay only.
        await machine.ExecSuccessfullyAsync("rm", "-f", "/usr/sbin/policy-rc.d");
        return machine;
    }

    private static string CopyInto(ThrowawaySystemd machine, string deb)
    {
        string inside = $"/var/cache/sshkeep-test/{Path.GetFileName(deb)}";
        machine.CopyInto(deb, inside);
        return inside;
    }

    private async Task DpkgAsync(ThrowawaySystemd machine, params string[] arguments)
    {
        var result = await machine.ExecAsync(["dpkg", .. arguments], DpkgDeadline);
        output.WriteLine($"dpkg {string.Join(' ', arguments)}: exit {result.ExitCode}\n{result.StandardOutput}{result.StandardError}");
        result.EnsureSuccess();
    }

    private static async Task<bool> InstalledAsync(ThrowawaySystemd machine, string package) =>
        (await machine.ExecAsync(["dpkg-query", "-W", "-f=${Status}", package])).StandardOutput == "install ok installed";

    private static async Task<string> PropertyAsync(ThrowawaySystemd machine, string unit, string name) =>
        (await machine.SystemctlAsync("show", "-p", name, "--value", unit)).StandardOutput.Trim();

    private static async Task<int> MainPidAsync(ThrowawaySystemd machine, string unit) =>
        int.Parse(await PropertyAsync(machine, unit, "MainPID"), CultureInfo.InvariantCulture);

    /// <summary>Waits until <c>sshkeep status --json -c FILE</c> in the machine says the tunnel is up.</summary>
    private static async Task TunnelUpAsync(ThrowawaySystemd machine, string config, string tunnel)
    {
        string last = "";
        await Eventually.WaitUntilAsync(async () =>
        {
            var status = await machine.ExecAsync(["sshkeep", "status", "--json", "-c", config]);
            last = status.StandardOutput + status.StandardError;
            if (!status.StandardOutput.TrimStart().StartsWith('{')) return false;
            using var doc = JsonDocument.Parse(status.StandardOutput);
            return doc.RootElement.GetProperty("tunnels").EnumerateArray()
                .Any(t => t.GetProperty("name").GetString() == tunnel && t.GetProperty("state").GetString() == "up");
        }, () => $"tunnel {tunnel} of {config} up; sshkeep status said: {last}", TimeSpan.FromSeconds(60));
    }

    /// <summary>The package again with another version (dpkg-deb -R, then -b), as a later build would be.</summary>
    private async Task<string> RepackAsync(string deb, string version)
    {
        string tree = _temp.File("repack");
        await Run.SuccessfullyAsync("dpkg-deb", ["-R", deb, tree]);
        string control = Path.Combine(tree, "DEBIAN", "control");
        var lines = (await File.ReadAllLinesAsync(control)).Select(l => l.StartsWith("Version: ", StringComparison.Ordinal) ? $"Version: {version}" : l);
        await File.WriteAllLinesAsync(control, lines);
        string repacked = _temp.File($"sshkeep_{version}_amd64.deb");
        await Run.SuccessfullyAsync("dpkg-deb", ["--root-owner-group", "-b", tree, repacked], TimeSpan.FromMinutes(3));
        return repacked;
    }

    private static bool IsLink(string path) => new FileInfo(path).LinkTarget is not null;
}
