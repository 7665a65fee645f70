using System.Globalization;
using System.Text;
using System.Text.Json;
using SshKeep.Demo;
using SshKeep.Tests.Integration.Infrastructure;

namespace SshKeep.Tests.Integration.Systemd;

/// <summary>
/// One tunnels file inside a <see cref="ThrowawaySystemd"/> and the unit <c>sshkeep
/// install-service --write</c> made for it, driven the way a user would: systemctl, journalctl and
/// sshkeep's own CLI, as root or as another account of the machine.
/// </summary>
internal sealed class MachineService
{
    private readonly SshkeepMachineFixture _fixture;

    private MachineService(SshkeepMachineFixture fixture, string configPath, string unit)
    {
        _fixture = fixture;
        ConfigPath = configPath;
        Unit = unit;
    }

    public ThrowawaySystemd Machine => _fixture.Machine;

    /// <summary>The tunnels file, inside the machine.</summary>
    public string ConfigPath { get; }

    /// <summary>The unit's name without ".service", as install-service tells it.</summary>
    public string Unit { get; }

    public string UnitPath => $"/etc/systemd/system/{Unit}.service";

    /// <summary>The YAML of a tunnels file whose tunnels reach the machine's sshd, with
    /// <paramref name="defaults"/> (indented lines) as its defaults: block, by default
    /// <see cref="MachineSshd.TunnelKeysYaml"/>. Health checks are quick, as in the daemon tests.</summary>
    public static string Yaml(IEnumerable<MachineTunnel> tunnels, string? defaults = null)
    {
        var yaml = new StringBuilder();
        yaml.AppendLine("defaults:");
        yaml.Append(defaults ?? MachineSshd.TunnelKeysYaml("  "));
        yaml.AppendLine("  health: { server_alive_interval: 2, server_alive_count_max: 2, connect_timeout: 5 }");
        yaml.AppendLine("tunnels:");
        foreach (var tunnel in tunnels)
        {
            yaml.AppendLine(CultureInfo.InvariantCulture, $"  {tunnel.Name}:");
            yaml.AppendLine(CultureInfo.InvariantCulture, $"    destination: {MachineSshd.Destination}");
            yaml.AppendLine(CultureInfo.InvariantCulture, $"    forwards: [ {{ local: \"127.0.0.1:{tunnel.LocalPort}:127.0.0.1:{MachineSshd.Port}\" }} ]");
            foreach (var key in tunnel.Keys) yaml.AppendLine(CultureInfo.InvariantCulture, $"    {key}");
        }
        return yaml.ToString();
    }

    /// <summary>Writes the tunnels file (0644) and runs <c>sshkeep install-service -c FILE --write
    /// [--account NAME]</c>; the unit is neither enabled nor started.</summary>
    public static async Task<MachineService> InstallAsync(SshkeepMachineFixture fixture, string configPath, string yaml, string? account = null)
    {
        await fixture.Machine.WriteFileAsync(configPath, yaml);
        var installed = (await fixture.Machine.ExecAsync(
            [fixture.Sshkeep, "install-service", "-c", configPath, "--write", .. account is null ? Array.Empty<string>() : ["--account", account]])).EnsureSuccess();
        // "next: systemctl daemon-reload && systemctl enable --now UNIT"
        string next = (installed.StandardOutput + installed.StandardError).Split('\n').Single(l => l.Contains("enable --now ", StringComparison.Ordinal));
        var service = new MachineService(fixture, configPath, next[(next.LastIndexOf(' ') + 1)..].Trim());
        await fixture.Machine.ExecSuccessfullyAsync("systemctl", "daemon-reload");
        return service;
    }

    /// <summary>Rewrites the tunnels file (a reload reads it).</summary>
    public Task RewriteAsync(string yaml) => Machine.WriteFileAsync(ConfigPath, yaml);

    public Task<ProcessResult> SystemctlAsync(string verb, params string[] more) => Machine.SystemctlAsync([verb, .. more, Unit]);

    /// <summary>A property of the unit (<c>systemctl show -p NAME --value</c>).</summary>
    public async Task<string> PropertyAsync(string name) => (await Machine.SystemctlAsync("show", "-p", name, "--value", Unit)).StandardOutput.Trim();

    /// <summary>The daemon's pid inside the machine, 0 when it is not running.</summary>
    public async Task<int> MainPidAsync() => int.Parse(await PropertyAsync("MainPID"), CultureInfo.InvariantCulture);

    /// <summary>Waits (60 s) until systemd runs a daemon other than <paramref name="old"/> and the
    /// unit is active again; returns its pid. On timeout, says what systemd says.</summary>
    public async Task<int> WaitForNewDaemonAsync(int old, string what)
    {
        int now = 0;
        try
        {
            await Eventually.WaitUntilAsync(async () => (now = await MainPidAsync()) > 0 && now != old && await PropertyAsync("ActiveState") == "active",
                what, TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}:\n{await DescribeAsync()}", e);
        }
        return now;
    }

    /// <summary>Runs <c>sshkeep VERB … -c FILE</c> inside, as root, or as <paramref name="account"/>
    /// (setpriv, with that account's HOME and no session: as from a cron job or a shell of it).</summary>
    public Task<ProcessResult> CliAsync(string verb, string[]? arguments = null, string? account = null) =>
        Machine.ExecAsync([.. AsAccount(account), _fixture.Sshkeep, verb, .. arguments ?? [], "-c", ConfigPath]);

    /// <summary>The tunnels of <c>sshkeep status --json</c>; empty while the daemon does not answer.</summary>
    public async Task<JsonElement[]> StatusAsync(string? account = null)
    {
        var result = await CliAsync("status", ["--json"], account);
        if (result.StandardOutput.Trim().Length == 0) return [];
        using var doc = JsonDocument.Parse(result.StandardOutput);
        return [.. doc.RootElement.GetProperty("tunnels").EnumerateArray().Select(e => e.Clone())];
    }

    /// <summary>Each tunnel's ssh pid (inside the machine), for the tunnels that have one.</summary>
    public async Task<Dictionary<string, int>> SshPidsAsync() =>
        (await StatusAsync()).Where(t => t.GetProperty("pid").ValueKind == JsonValueKind.Number)
                             .ToDictionary(t => t.GetProperty("name").GetString()!, t => t.GetProperty("pid").GetInt32());

    /// <summary>Waits until each named tunnel is in the state given (60 s).</summary>
    public async Task WaitForStatesAsync(params (string Name, string State)[] wanted)
    {
        JsonElement[] last = [];
        await Eventually.WaitUntilAsync(async () =>
        {
            last = await StatusAsync();
            return wanted.All(w => last.Any(t => t.GetProperty("name").GetString() == w.Name && t.GetProperty("state").GetString() == w.State));
        }, () => $"{string.Join(", ", wanted.Select(w => $"{w.Name} {w.State}"))}; status: {string.Join("; ", last.Select(t => t.ToString()))}", TimeSpan.FromSeconds(60));
    }

    public Task AllUpAsync(params string[] names) => WaitForStatesAsync([.. names.Select(n => (n, "up"))]);

    /// <summary>The processes in the unit's cgroup (inside numbering), with their names.</summary>
    public async Task<IReadOnlyList<(int Pid, string Name)>> ProcessesAsync()
    {
        string group = await PropertyAsync("ControlGroup");
        if (group.Length == 0) return [];
        var listed = await Machine.ExecAsync(["sh", "-c", "for p in $(cat \"/sys/fs/cgroup$1/cgroup.procs\" 2>/dev/null); do echo \"$p $(cat /proc/$p/comm 2>/dev/null)\"; done", "sh", group]);
        return [.. listed.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                       .Select(l => l.Split(' ', 2))
                       .Select(f => (int.Parse(f[0], CultureInfo.InvariantCulture), f.Length > 1 ? f[1] : ""))];
    }

    /// <summary>Whether this process (pid and start time, as <see cref="ProcessIdentityAsync"/> gave them) still runs.</summary>
    public async Task<bool> IsAliveAsync(string identity) => identity.Length > 0 && await ProcessIdentityAsync(int.Parse(identity.Split(':')[0], CultureInfo.InvariantCulture)) == identity;

    /// <summary>"PID:STARTTIME" of a process inside the machine (field 22 of /proc/PID/stat), "" when gone:
    /// a pid reused by a later process does not match.</summary>
    public async Task<string> ProcessIdentityAsync(int pid)
    {
        var stat = await Machine.ExecAsync(["cat", $"/proc/{pid}/stat"]);
        if (!stat.Succeeded) return "";
        var fields = stat.StandardOutput[(stat.StandardOutput.LastIndexOf(')') + 2)..].Split(' ');
        return fields[0] == "Z" ? "" : $"{pid}:{fields[19]}";
    }

    /// <summary>The unit's journal as <c>journalctl -o json</c> entries.</summary>
    public async Task<JsonElement[]> JournalAsync()
    {
        var lines = (await Machine.JournalctlAsync("-u", Unit + ".service", "-o", "json")).StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return [.. lines.Select(l => { using var doc = JsonDocument.Parse(l); return doc.RootElement.Clone(); })];
    }

    /// <summary>What the machine says about the unit, for a failure message.</summary>
    public async Task<string> DescribeAsync() =>
        $"{(await Machine.SystemctlAsync("status", Unit)).StandardOutput}\n{(await Machine.JournalctlAsync("-u", Unit + ".service", "-n", "60", "-o", "short-precise")).StandardOutput}";

    /// <summary><c>sshkeep uninstall-service -c FILE --write</c> if the unit is still there; for finally.</summary>
    public async Task RemoveAsync()
    {
        if (File.Exists(Machine.PathInside(UnitPath))) await Machine.ExecAsync([_fixture.Sshkeep, "uninstall-service", "-c", ConfigPath, "--write"]);
        File.Delete(Machine.PathInside(ConfigPath));
    }

    private static string[] AsAccount(string? account) => account is null ? [] :
        ["setpriv", $"--reuid={account}", $"--regid={account}", "--init-groups", "env", $"HOME=/home/{account}", $"USER={account}", $"LOGNAME={account}"];
}
