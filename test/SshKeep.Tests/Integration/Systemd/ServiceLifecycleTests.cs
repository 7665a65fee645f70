using System.Text.Json;
using SshKeep.Tests.Integration.Infrastructure;

namespace SshKeep.Tests.Integration.Systemd;

/// <summary>
/// The daemon's life under a real systemd, through the unit install-service writes: reload,
/// a SIGKILLed daemon, a frozen one, a stop, and what journald records. Each test has its own
/// tunnels file, unit and ports in the tier's shared machine, and removes them in its finally.
/// </summary>
[Collection(ThrowawaySystemdCollection.Name)]
public sealed class ServiceLifecycleTests(SshkeepMachineFixture fixture, Xunit.Abstractions.ITestOutputHelper output)
{
    [SystemdFact]
    public async Task Systemctl_reload_restarts_only_the_changed_tunnel()
    {
        var service = await StartedAsync("reload", new MachineTunnel("kept", 10031), new MachineTunnel("changed", 10032));
        try
        {
            var before = await service.SshPidsAsync();
            int daemon = await service.MainPidAsync();
            await service.RewriteAsync(MachineService.Yaml([new MachineTunnel("kept", 10031), new MachineTunnel("changed", 10033)]));

            (await service.SystemctlAsync("reload")).EnsureSuccess();
            await Eventually.WaitUntilAsync(async () => (await service.SshPidsAsync()).TryGetValue("changed", out var pid) && pid != before["changed"],
                "a new ssh for the changed tunnel");
            await service.AllUpAsync("kept", "changed");

            Assert.Equal(before["kept"], (await service.SshPidsAsync())["kept"]);
            Assert.Equal(daemon, await service.MainPidAsync());
        }
        finally
        {
            await service.RemoveAsync();
        }
    }

    [SystemdFact]
    public async Task Killing_the_daemon_with_sigkill_gets_it_restarted_with_every_tunnel_up_and_no_ssh_of_the_old_run()
    {
        var service = await StartedAsync("kill", new MachineTunnel("alpha", 10041), new MachineTunnel("beta", 10042));
        try
        {
            int daemon = await service.MainPidAsync();
            var oldSsh = new List<string>();
            foreach (var pid in (await service.SshPidsAsync()).Values) oldSsh.Add(await service.ProcessIdentityAsync(pid));

            await fixture.Machine.ExecSuccessfullyAsync("kill", "-KILL", $"{daemon}");
            await service.WaitForNewDaemonAsync(daemon, "systemd to restart the daemon");
            await service.AllUpAsync("alpha", "beta");

            foreach (var old in oldSsh) Assert.False(await service.IsAliveAsync(old), $"ssh {old} of the killed run survived");
            var processes = await service.ProcessesAsync();
            Assert.Equal(2, processes.Count(p => p.Name == "ssh"));
        }
        finally
        {
            await service.RemoveAsync();
        }
    }

    [SystemdFact]
    public async Task A_frozen_daemon_is_restarted_by_the_watchdog()
    {
        // The unit's own WatchdogSec= is 30 s; a drop-in shortens it to keep the test quick. The
        // daemon pings at half of whatever systemd tells it (WATCHDOG_USEC), so this is the same path.
        var service = await MachineService.InstallAsync(fixture, "/etc/sshkeep/watchdog.yaml", MachineService.Yaml([new MachineTunnel("frozen", 10051)]));
        string dropIn = $"/etc/systemd/system/{service.Unit}.service.d";
        try
        {
            Assert.Contains("WatchdogSec=30\n", await File.ReadAllTextAsync(fixture.Machine.PathInside(service.UnitPath)), StringComparison.Ordinal);
            await fixture.Machine.WriteFileAsync($"{dropIn}/watchdog.conf", "[Service]\nWatchdogSec=4\n");
            await fixture.Machine.ExecSuccessfullyAsync("systemctl", "daemon-reload");
            (await service.SystemctlAsync("start")).EnsureSuccess();
            await service.AllUpAsync("frozen");
            int daemon = await service.MainPidAsync();

            await fixture.Machine.ExecSuccessfullyAsync("kill", "-STOP", $"{daemon}");
            await service.WaitForNewDaemonAsync(daemon, "the watchdog to restart the daemon");
            string journal = (await fixture.Machine.JournalctlAsync("-u", service.Unit + ".service", "-o", "cat")).StandardOutput;
            Assert.Contains("Watchdog timeout", journal, StringComparison.Ordinal);
            output.WriteLine((await fixture.Machine.JournalctlAsync("-u", service.Unit + ".service", "-o", "short-precise")).StandardOutput);
            await service.AllUpAsync("frozen");
        }
        finally
        {
            await service.RemoveAsync();
            Directory.Delete(fixture.Machine.PathInside(dropIn), recursive: true);
        }
    }

    [SystemdFact]
    public async Task Systemctl_stop_leaves_no_process_socket_or_run_directory()
    {
        var service = await StartedAsync("stop", new MachineTunnel("only", 10061));
        try
        {
            string daemon = await service.ProcessIdentityAsync(await service.MainPidAsync());
            string ssh = await service.ProcessIdentityAsync((await service.SshPidsAsync())["only"]);
            string runDirectory = "/run/" + await service.PropertyAsync("RuntimeDirectory");
            var sockets = (await fixture.Machine.ExecSuccessfullyAsync("find", runDirectory, "-type", "s")).StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.NotEmpty(sockets);

            (await service.SystemctlAsync("stop")).EnsureSuccess();

            Assert.Equal("inactive", await service.PropertyAsync("ActiveState"));
            Assert.Empty(await service.ProcessesAsync());
            Assert.False(await service.IsAliveAsync(daemon), "the daemon still runs");
            Assert.False(await service.IsAliveAsync(ssh), "its ssh still runs");
            foreach (var socket in sockets) Assert.False(File.Exists(fixture.Machine.PathInside(socket)), $"{socket} is left");
            Assert.False(Directory.Exists(fixture.Machine.PathInside(runDirectory)), $"{runDirectory} is left");
        }
        finally
        {
            await service.RemoveAsync();
        }
    }

    [SystemdFact]
    public async Task Journald_has_one_entry_per_event_with_the_tunnels_name_as_a_field()
    {
        var service = await StartedAsync("journal", new MachineTunnel("jtunnel", 10071));
        try
        {
            // journald reads the daemon's output on its own time: wait for the up event's line.
            JsonElement[] entries = [];
            await Eventually.WaitUntilAsync(async () => (entries = await service.JournalAsync())
                .Any(e => Field(e, "MESSAGE")?.Contains("is forwarding", StringComparison.Ordinal) == true), "jtunnel's up event in the journal");
            string seen = string.Join('\n', entries.Select(e => $"{Field(e, "SSHKEEP_TUNNEL")} {Field(e, "SSHKEEP_EVENT")} {Field(e, "MESSAGE")}"));
            Assert.True(entries.Any(e => Field(e, "SSHKEEP_TUNNEL") == "jtunnel" && Field(e, "MESSAGE")?.Contains("is forwarding", StringComparison.Ordinal) == true),
                $"no entry of jtunnel's up event with SSHKEEP_TUNNEL=jtunnel; the unit's entries (SSHKEEP_TUNNEL SSHKEEP_EVENT MESSAGE):\n{seen}");

            var fromSshkeep = entries.Where(e => Field(e, "SYSLOG_IDENTIFIER") == "sshkeep").ToArray();
            // Every line about the tunnel carries its name; none is there twice (say, once from
            // the native protocol and once more from stderr).
            foreach (var entry in fromSshkeep.Where(e => Field(e, "MESSAGE")?.StartsWith("jtunnel: ", StringComparison.Ordinal) == true))
            {
                Assert.True(Field(entry, "SSHKEEP_TUNNEL") == "jtunnel", $"no SSHKEEP_TUNNEL=jtunnel on {entry}");
            }
            Assert.Single(fromSshkeep, e => Field(e, "MESSAGE")?.Contains("is forwarding", StringComparison.Ordinal) == true);
            Assert.All(fromSshkeep.Where(e => Field(e, "SSHKEEP_TUNNEL") is not null), e => Assert.NotNull(Field(e, "SSHKEEP_EVENT")));
        }
        finally
        {
            await service.RemoveAsync();
        }

        static string? Field(JsonElement entry, string name) =>
            entry.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }

    /// <summary>A unit for these tunnels, enabled and started, every tunnel up.</summary>
    private async Task<MachineService> StartedAsync(string name, params MachineTunnel[] tunnels)
    {
        var service = await MachineService.InstallAsync(fixture, $"/etc/sshkeep/{name}.yaml", MachineService.Yaml(tunnels));
        try
        {
            (await service.SystemctlAsync("enable", "--now")).EnsureSuccess();
            await service.AllUpAsync([.. tunnels.Select(t => t.Name)]);
            return service;
        }
        catch
        {
            await service.RemoveAsync();
            throw;
        }
    }
}
