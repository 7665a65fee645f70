using SshKeep.Demo;
using SshKeep.Tests.Daemon;
using SshKeep.Tests.Integration.Infrastructure;
using static SshKeep.Native.SignalNumbers;

namespace SshKeep.Tests.Integration;

/// <summary>
/// Tier 3 for daemon mode (docs/daemon.md): the real `sshkeep up` with three tunnels (two
/// -L, one -R) to a real sshd on 127.0.0.1, real signals, the real control socket, and a
/// datagram socket standing in for systemd's NOTIFY_SOCKET.
/// </summary>
public class DaemonModeAgainstSshdTests
{
    private static readonly TimeSpan Generous = DaemonWorld.Generous;

    [SshdFact]
    public async Task Three_tunnels_carry_bytes_and_a_killed_ssh_restarts_only_its_tunnel()
    {
        await using var world = await DaemonWorld.StartAsync();
        await using var daemon = world.Up();
        await daemon.AllUpAsync(["web", "db", "back"]);

        Assert.True(await world.CarriesBytesAsync(world.WebPort), "web (-L) carries bytes");
        Assert.True(await world.CarriesBytesAsync(world.DbPort), "db (-L) carries bytes");
        Assert.True(await world.CarriesBytesAsync(world.BackPort), "back (-R) carries bytes");

        var before = await daemon.PidsAsync();
        NativeSignals.Send(before["db"], SIGKILL);

        await Eventually.WaitUntilAsync(async () => (await daemon.PidsAsync()).TryGetValue("db", out var pid) && pid != before["db"]
                                                   && await daemon.StateAsync("db") == "up", "db runs a new ssh", Generous);
        var after = await daemon.PidsAsync();
        Assert.Equal(before["web"], after["web"]);
        Assert.Equal(before["back"], after["back"]);
        Assert.True(await world.CarriesBytesAsync(world.DbPort), "db carries bytes again");
    }

    [SshdFact]
    public async Task Reload_touches_only_the_added_removed_and_changed_tunnels()
    {
        await using var world = await DaemonWorld.StartAsync();
        await using var daemon = world.Up();
        await daemon.AllUpAsync(["web", "db", "back"]);
        var before = await daemon.PidsAsync();

        // db removed, back changed (another remote port), extra added, web unchanged.
        var newBack = LoopbackPort.PickFree();
        var extra = LoopbackPort.PickFree();
        await world.WriteConfigAsync(("web", $"local: \"127.0.0.1:{world.WebPort}:127.0.0.1:{world.EchoPort}\""),
                                     ("back", $"remote: \"127.0.0.1:{newBack}:127.0.0.1:{world.EchoPort}\""),
                                     ("extra", $"local: \"127.0.0.1:{extra}:127.0.0.1:{world.EchoPort}\""));
        var reload = await daemon.CliAsync("reload");
        Assert.True(reload.ExitCode == 0, reload.StandardOutput + reload.StandardError);
        Assert.Contains("1 added, 1 removed, 1 changed, 1 unchanged", reload.StandardOutput);

        await daemon.AllUpAsync(["web", "back", "extra"]);
        var after = await daemon.PidsAsync();
        Assert.Equal(before["web"], after["web"]);
        Assert.NotEqual(before["back"], after["back"]);
        Assert.False(after.ContainsKey("db"));
        Assert.Null(ProcessTable.Identify(before["db"])); // the removed tunnel's ssh is gone
        Assert.True(await world.CarriesBytesAsync(newBack), "the changed -R forward carries bytes");
        Assert.True(await world.CarriesBytesAsync(extra), "the added tunnel carries bytes");
    }

    [SshdFact]
    public async Task Sighup_reloads_the_file_like_the_reload_command()
    {
        await using var world = await DaemonWorld.StartAsync();
        await using var daemon = world.Up();
        await daemon.AllUpAsync(["web", "db", "back"]);
        var before = await daemon.PidsAsync();
        var extra = LoopbackPort.PickFree();
        await world.WriteConfigAsync(("web", $"local: \"127.0.0.1:{world.WebPort}:127.0.0.1:{world.EchoPort}\""),
                                     ("db", $"local: \"127.0.0.1:{world.DbPort}:127.0.0.1:{world.EchoPort}\""),
                                     ("back", $"remote: \"127.0.0.1:{world.BackPort}:127.0.0.1:{world.EchoPort}\""),
                                     ("extra", $"local: \"127.0.0.1:{extra}:127.0.0.1:{world.EchoPort}\""));

        daemon.Signal(SIGHUP);

        await daemon.AllUpAsync(["web", "db", "back", "extra"]);
        var after = await daemon.PidsAsync();
        Assert.All(before, b => Assert.Equal(b.Value, after[b.Key]));
        Assert.True(await world.CarriesBytesAsync(extra), "the tunnel added by SIGHUP carries bytes");
    }

    [SshdFact]
    public async Task A_bad_reload_keeps_the_running_tunnels_and_says_every_error()
    {
        await using var world = await DaemonWorld.StartAsync();
        await using var daemon = world.Up();
        await daemon.AllUpAsync(["web", "db", "back"]);
        var before = await daemon.PidsAsync();

        await File.WriteAllTextAsync(world.ConfigPath, "tunnels:\n  web:\n    destination: \n    forwards: []\n    colour: red\n");
        var reload = await daemon.CliAsync("reload");

        Assert.Equal(1, reload.ExitCode);
        Assert.Contains("colour", reload.StandardOutput + reload.StandardError);
        Assert.Contains("destination", reload.StandardOutput + reload.StandardError);
        Assert.Equal(before, await daemon.PidsAsync());
    }

    [SshdFact]
    public async Task Systemd_hears_ready_status_and_stopping_and_sigterm_leaves_nothing_behind()
    {
        await using var world = await DaemonWorld.StartAsync();
        using var notify = new NotifySocketListener();
        await using var daemon = world.Up(notify.NotifySocket);
        await daemon.AllUpAsync(["web", "db", "back"]);

        await notify.WaitForAsync(m => m.Contains("READY=1", StringComparison.Ordinal), "READY=1", Generous);
        await notify.WaitForAsync(m => m.Contains("STATUS=3/3 up", StringComparison.Ordinal), "STATUS=3/3 up", Generous);
        var pids = (await daemon.PidsAsync()).Values.ToList();
        var runFiles = Directory.GetFiles(world.RunDirectory);
        Assert.Contains(runFiles, f => f.EndsWith(".sock", StringComparison.Ordinal));
        Assert.Contains(runFiles, f => Path.GetFileName(f).StartsWith("lock-", StringComparison.Ordinal));

        daemon.Signal(SIGTERM);

        Assert.Equal(0, await daemon.ExitedAsync());
        await notify.WaitForAsync(m => m.Contains("STOPPING=1", StringComparison.Ordinal), "STOPPING=1", Generous);
        Assert.All(pids, pid => Assert.Null(ProcessTable.Identify(pid))); // no ssh outlives sshkeep
        Assert.Empty(Directory.GetFiles(world.RunDirectory));
    }

    [SshdFact]
    public async Task A_second_up_on_the_same_file_names_the_pid_that_holds_it()
    {
        await using var world = await DaemonWorld.StartAsync();
        await using var daemon = world.Up();
        await daemon.AllUpAsync(["web", "db", "back"]);

        var second = await daemon.CliAsync("up");

        Assert.NotEqual(0, second.ExitCode);
        Assert.Contains($"pid {daemon.Pid}", second.StandardOutput + second.StandardError);
    }
}
