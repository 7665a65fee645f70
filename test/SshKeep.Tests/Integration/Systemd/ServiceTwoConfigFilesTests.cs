namespace SshKeep.Tests.Integration.Systemd;

/// <summary>
/// Two tunnels files side by side are two units (one name per file), and `uninstall-service`
/// removes one of them cleanly while the other keeps running.
/// </summary>
[Collection(ThrowawaySystemdCollection.Name)]
public sealed class ServiceTwoConfigFilesTests(SshkeepMachineFixture fixture)
{
    [SystemdFact]
    public async Task Uninstall_service_removes_one_files_unit_process_and_run_directory_and_leaves_the_other_running()
    {
        var machine = fixture.Machine;
        var first = await MachineService.InstallAsync(fixture, "/etc/sshkeep/first.yaml", MachineService.Yaml([new MachineTunnel("one", 10021)]));
        var second = await MachineService.InstallAsync(fixture, "/etc/sshkeep/second.yaml", MachineService.Yaml([new MachineTunnel("two", 10022)]));
        try
        {
            Assert.NotEqual(first.Unit, second.Unit);
            (await first.SystemctlAsync("enable", "--now")).EnsureSuccess();
            (await second.SystemctlAsync("enable", "--now")).EnsureSuccess();
            await first.AllUpAsync("one");
            await second.AllUpAsync("two");

            string firstDaemon = await first.ProcessIdentityAsync(await first.MainPidAsync());
            string firstSsh = await first.ProcessIdentityAsync((await first.SshPidsAsync())["one"]);
            string firstRunDirectory = "/run/" + await first.PropertyAsync("RuntimeDirectory");
            int secondDaemon = await second.MainPidAsync();
            Assert.True(Directory.Exists(machine.PathInside(firstRunDirectory)), $"no run directory {firstRunDirectory}");

            var removed = await machine.ExecAsync([fixture.Sshkeep, "uninstall-service", "-c", first.ConfigPath, "--write"]);
            Assert.True(removed.Succeeded, $"uninstall-service: exit {removed.ExitCode}: {removed.StandardOutput}{removed.StandardError}");

            Assert.False(File.Exists(machine.PathInside(first.UnitPath)), $"{first.UnitPath} is still there");
            // daemon-reload was done: systemd no longer knows the unit (without it: loaded, NeedDaemonReload=yes).
            Assert.Equal("not-found", await first.PropertyAsync("LoadState"));
            Assert.False(await first.IsAliveAsync(firstDaemon), "the removed unit's daemon still runs");
            Assert.False(await first.IsAliveAsync(firstSsh), "the removed unit's ssh still runs");
            Assert.False(Directory.Exists(machine.PathInside(firstRunDirectory)), $"{firstRunDirectory} is still there");

            Assert.Equal("active", await second.PropertyAsync("ActiveState"));
            Assert.Equal(secondDaemon, await second.MainPidAsync());
            await second.AllUpAsync("two");
        }
        finally
        {
            await first.RemoveAsync();
            await second.RemoveAsync();
        }
    }
}
