using SshKeep.Demo;
using SshKeep.Native;
using SshKeep.Tests.Integration.Infrastructure;
using SshKeep.Tests.Ssh;

namespace SshKeep.Tests.Integration;

/// <summary>
/// A daemon killed with SIGKILL outside systemd: its ssh get SIGTERM from the kernel (the
/// parent-death signal) and end by themselves; one that survives it (here an ssh that ignores
/// SIGTERM) is ended by the next `sshkeep up` of the same config, which brings every tunnel up by
/// itself (docs/daemon.md "When the daemon dies").
/// </summary>
public sealed class DaemonOrphansAgainstSshdTests
{
    [SshdFact]
    public async Task The_ssh_of_a_daemon_killed_with_SIGKILL_end_by_themselves_without_another_start()
    {
        await using var world = await DaemonWorld.StartAsync();
        await world.WriteConfigAsync(("web", $"local: \"127.0.0.1:{world.WebPort}:127.0.0.1:{world.EchoPort}\""),
                                     ("back", $"remote: \"127.0.0.1:{world.BackPort}:127.0.0.1:{world.EchoPort}\""));
        var old = new List<ProcessIdentity>();
        try
        {
            await using (var daemon = world.Up())
            {
                await daemon.AllUpAsync(["web", "back"]);
                foreach (var pid in (await daemon.PidsAsync()).Values)
                {
                    if (ProcessTable.Identify(pid) is { } ssh) old.Add(ssh);
                }
                Assert.Equal(2, old.Count);
                // The parent-death signal is tied to the thread that started ssh: the daemon's
                // long-lived spawner thread, never a thread-pool thread the runtime may retire.
                Assert.All(old, ssh => Assert.Equal($"{daemon.Pid}", ProcFs.StatusField(ssh.Pid, "PPid")));
                Assert.Contains(Directory.GetDirectories($"/proc/{daemon.Pid}/task"),
                    task => ReadOrEmpty(Path.Join(task, "comm")).Trim() == "sshkeep-spawner");

                Assert.True(daemon.Signal(SignalNumbers.SIGKILL));
                await daemon.ExitedAsync();
            }

            foreach (var ssh in old)
                await Eventually.WaitUntilAsync(() => !ProcessTable.IsAlive(ssh), $"ssh pid {ssh.Pid} of the killed daemon ends", DaemonWorld.Generous);
        }
        finally
        {
            foreach (var ssh in old) NativeSignals.Send(ssh, SignalNumbers.SIGKILL);
        }
    }

    [SshdFact]
    public async Task A_daemon_started_after_its_predecessor_was_killed_ends_the_old_ssh_and_brings_every_tunnel_up()
    {
        await using var world = await DaemonWorld.StartAsync();
        // An ssh that ignores SIGTERM survives the parent-death signal: only the sweep can end it.
        // The marker lets the second daemon's ssh take SIGTERM again, so its stop is quick.
        var marker = Path.Combine(world.Directory, "ignore-term");
        var wrapper = Path.Combine(world.Directory, "bin", "ssh");
        Directory.CreateDirectory(Path.GetDirectoryName(wrapper)!);
        await File.WriteAllTextAsync(wrapper, $"#!/bin/sh\nif [ -e '{marker}' ]; then trap '' TERM; fi\nexec ssh \"$@\"\n");
        File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        await File.WriteAllTextAsync(marker, "");
        string[] keys = [$"ssh_path: {wrapper}"];
        await world.WriteConfigAsync(("web", $"local: \"127.0.0.1:{world.WebPort}:127.0.0.1:{world.EchoPort}\"", keys),
                                     ("back", $"remote: \"127.0.0.1:{world.BackPort}:127.0.0.1:{world.EchoPort}\"", keys));
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

                Assert.True(first.Signal(SignalNumbers.SIGKILL));
                await first.ExitedAsync();
            }
            File.Delete(marker);
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
            foreach (var ssh in old) NativeSignals.Send(ssh, SignalNumbers.SIGKILL);
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
                Assert.True(first.Signal(SignalNumbers.SIGKILL));
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
            foreach (var ssh in old) NativeSignals.Send(ssh, SignalNumbers.SIGKILL);
        }
    }

    private static string ReadOrEmpty(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return "";
        }
    }
}
