using System.Globalization;
using SshKeep.Demo;
using SshKeep.Tests.Integration.Infrastructure;

namespace SshKeep.Tests.Integration;

/// <summary>
/// Several servers per tunnel (docs/daemon.md, "Several servers: failover"), with the real `sshkeep up` and two real
/// sshds: the first on 127.0.0.1, the second on 127.0.0.2 at the same port (a tunnel's port is the same for all of its
/// servers). The second admits the first's client key, and the tunnel's known_hosts names both host keys.
/// </summary>
public sealed class DaemonFailoverAgainstSshdTests
{
    [SshdFact]
    public async Task A_tunnel_whose_server_stops_moves_to_the_next_and_stays_there_until_that_one_fails()
    {
        await using var world = await DaemonWorld.StartAsync();
        var first = world.Sshd;
        await using var second = await ThrowawaySshd.CreateAsync(new ThrowawaySshdOptions { ExtraConfig = [$"ListenAddress 127.0.0.2:{first.Port}"] });
        await File.AppendAllTextAsync(Path.Combine(second.Directory, "authorized_keys"), await File.ReadAllTextAsync(first.ClientKeyPath + ".pub"));
        var secondHostKey = (await File.ReadAllTextAsync(second.KnownHostsPath)).Split(' ', 2)[1];
        var knownHosts = Path.Combine(world.Directory, "known_hosts");
        await File.WriteAllTextAsync(knownHosts, await File.ReadAllTextAsync(first.KnownHostsPath) + $"[127.0.0.2]:{first.Port} {secondHostKey}");
        var (onFirst, onSecond) = ($"{first.User}@127.0.0.1", $"{first.User}@127.0.0.2");
        await File.WriteAllTextAsync(world.ConfigPath, string.Create(CultureInfo.InvariantCulture, $"""
            defaults:
            {first.TunnelKeysYaml("  ")}  health: {"{"} server_alive_interval: 2, server_alive_count_max: 2, connect_timeout: 5 {"}"}
            tunnels:
              web:
                destination: [{onFirst}, {onSecond}]
                forwards: [ {"{"} local: "127.0.0.1:{world.WebPort}:127.0.0.1:{world.EchoPort}" {"}"}, {"{"} dynamic: "127.0.0.1:{world.DbPort}" {"}"} ]
                ssh_options: {"{"} UserKnownHostsFile: {knownHosts} {"}"}

            """));
        await using var daemon = world.Up();

        // It starts on the first.
        await UpOnAsync(daemon, onFirst);
        Assert.True(await world.CarriesBytesAsync(world.WebPort));

        // The first goes down: the next run goes to the second. The port stays held, so a program connecting in a
        // loop through it sees no failure (docs/held-ports.md).
        await using (var clients = ClientLoop.Start(world.WebPort, TimeSpan.FromSeconds(30)))
        {
            clients.Fault();
            await first.StopAsync();
            var socks = SocksClient.Socks5Async(world.DbPort, world.EchoPort, TimeSpan.FromSeconds(30));
            await UpOnAsync(daemon, onSecond);
            Assert.True(await socks, $"a SOCKS client that came during the failover; the daemon said:\n{daemon.Log}");
            Assert.True(await world.CarriesBytesAsync(world.WebPort), "the tunnel carries bytes through the second server");
            var (attempts, failed) = await clients.StopAsync();
            Assert.True(failed == 0, $"{failed} of {attempts} attempts failed across the failover; the daemon said:\n{daemon.Log}");
        }
        Assert.Contains($"starting ssh to {onSecond}", daemon.Log);

        // The first is back, but the second works: a restart stays on the second.
        await first.StartAsync();
        var before = (await daemon.PidsAsync())["web"];
        Assert.Equal(0, (await daemon.CliAsync("restart", "web")).ExitCode);
        await Eventually.WaitUntilAsync(async () => (await daemon.PidsAsync()).GetValueOrDefault("web") is var pid && pid != 0 && pid != before,
            () => $"a new ssh after the restart; the daemon said:\n{daemon.Log}", DaemonWorld.Generous);
        await UpOnAsync(daemon, onSecond);

        // Only when a run on the second fails does the tunnel move on, to the next in the list: the first.
        NativeSignals.Send((await daemon.PidsAsync())["web"], SshKeep.Native.SignalNumbers.SIGKILL);
        await UpOnAsync(daemon, onFirst);
        Assert.True(await world.CarriesBytesAsync(world.WebPort), "the tunnel carries bytes through the first server again");
    }

    private static Task UpOnAsync(RunningDaemon daemon, string destination) => Eventually.WaitUntilAsync(async () =>
            await daemon.TunnelAsync("web") is { } web && web.GetProperty("state").GetString() == "up" &&
            web.GetProperty("destination").GetString() == destination,
        () => $"web to be up on {destination}; the daemon said:\n{daemon.Log}", TimeSpan.FromSeconds(60));
}
