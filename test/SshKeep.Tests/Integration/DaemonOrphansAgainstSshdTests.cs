using SshKeep.Demo;
using SshKeep.Tests.Integration.Infrastructure;

namespace SshKeep.Tests.Integration;

/// <summary>
/// A daemon killed with SIGKILL outside systemd leaves its ssh processes behind, holding the
/// tunnels' ports; the next `sshkeep up` of the same config ends them and brings every tunnel up
/// by itself (docs/daemon.md "When the daemon dies").
/// </summary>
public sealed class DaemonOrphansAgainstSshdTests
{
    [SshdFact]
    public async Task A_daemon_started_after_its_predecessor_was_killed_ends_the_old_ssh_and_brings_every_tunnel_up()
    {
        await using var world = await DaemonWorld.StartAsync();
        await world.WriteConfigAsync(("web", $"local: \"127.0.0.1:{world.WebPort}:127.0.0.1:{world.EchoPort}\""),
                                     ("back", $"remote: \"127.0.0.1:{world.BackPort}:127.0.0.1:{world.EchoPort}\""));
        var old = new List<ProcessIdentity>();
        try
        {
            await using (var first = world.Up())
            {
                await first.AllUpAsync(["web", "back"]);
                foreach (var pid in (await first.PidsAsync()).Values)
                {
                    if (ProcessTable.Identify(pid) is { } ssh) old.Add(ssh);
                }
                Assert.Equal(2, old.Count);

                Assert.True(first.Signal(NativeSignals.SigKill));
                await first.ExitedAsync();
            }
            Assert.All(old, ssh => Assert.True(ProcessTable.IsAlive(ssh), $"ssh pid {ssh.Pid} of the killed daemon is left running"));

            await using var second = world.Up();
            await second.AllUpAsync(["web", "back"]);
            Assert.True(await world.CarriesBytesAsync(world.WebPort), "the local forward carries bytes");
            Assert.True(await world.CarriesBytesAsync(world.BackPort), "the remote forward carries bytes");
            Assert.All(old, ssh => Assert.False(ProcessTable.IsAlive(ssh), $"ssh pid {ssh.Pid} of the killed daemon is still running"));
            Assert.All(old, ssh => Assert.Contains($"pid {ssh.Pid}", second.Log));
        }
        finally
        {
            // Only the ssh processes this test's first daemon started, and only while they are those very processes.
            foreach (var ssh in old) NativeSignals.Send(ssh, NativeSignals.SigKill);
        }
    }

    [SshdFact]
    public async Task The_ssh_of_another_config_in_the_same_run_directory_survives_the_sweep()
    {
        await using var world = await DaemonWorld.StartAsync();
        // Another instance: its own config file, the same run directory, the same uid and ssh.
        await world.WriteConfigAsync(("db", $"local: \"127.0.0.1:{world.DbPort}:127.0.0.1:{world.EchoPort}\""));
        var otherConfig = Path.Combine(world.Directory, "other.yaml");
        File.Copy(world.ConfigPath, otherConfig);
        await world.WriteConfigAsync(("web", $"local: \"127.0.0.1:{world.WebPort}:127.0.0.1:{world.EchoPort}\""));

        await using var other = BackgroundProcess.Start(SshkeepUnderTest.BinaryPath, ["up", "-c", otherConfig, "--run-dir", world.RunDirectory],
            new Dictionary<string, string?> { ["NOTIFY_SOCKET"] = null, ["WATCHDOG_USEC"] = null, ["JOURNAL_STREAM"] = null });
        Assert.True(await world.CarriesBytesAsync(world.DbPort), $"the other config's tunnel carries bytes; it said:\n{other.StandardError}");
        var otherSsh = (await Eventually.WaitForAsync(() => ProcessTable.ChildrenOf(other.Pid) is { Count: > 0 } children ? children : null,
            "the other daemon's ssh", DaemonWorld.Generous))[0];

        var old = new List<ProcessIdentity>();
        try
        {
            await using (var first = world.Up())
            {
                await first.AllUpAsync(["web"]);
                old.AddRange(ProcessTable.ChildrenOf(first.Pid));
                Assert.True(first.Signal(NativeSignals.SigKill));
                await first.ExitedAsync();
            }
            await using var second = world.Up();
            await second.AllUpAsync(["web"]);

            Assert.True(ProcessTable.IsAlive(otherSsh), $"the other config's ssh pid {otherSsh.Pid} was ended:\n{second.Log}");
            Assert.DoesNotContain($"pid {otherSsh.Pid}", second.Log);
            Assert.True(await world.CarriesBytesAsync(world.DbPort), "the other config's tunnel still carries bytes");
        }
        finally
        {
            foreach (var ssh in old) NativeSignals.Send(ssh, NativeSignals.SigKill);
        }
    }
}
