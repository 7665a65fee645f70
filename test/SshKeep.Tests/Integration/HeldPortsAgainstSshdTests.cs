using System.Net;
using System.Net.Sockets;
using SshKeep.Demo;
using SshKeep.Native;
using SshKeep.Tests.Integration.Infrastructure;
using SshKeep.Tests.Metrics;

namespace SshKeep.Tests.Integration;

/// <summary>
/// Held ports (docs/held-ports.md) with the real `sshkeep up`, a real sshd and real faults: programs that use
/// a -L or -D forward see no failure across a killed ssh, an sshd restart or a reload, because sshkeep holds
/// the listening port and hands each client to whichever ssh session is up.
/// </summary>
public sealed class HeldPortsAgainstSshdTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [SshdFact]
    public async Task Clients_of_a_held_local_port_see_no_failure_across_killed_ssh()
    {
        await using var world = await DaemonWorld.StartAsync();
        await world.WriteConfigAsync(("web", $"local: \"127.0.0.1:{world.WebPort}:127.0.0.1:{world.EchoPort}\""));
        await using var daemon = world.Up();
        await daemon.AllUpAsync(["web"]);

        await using var clients = ClientLoop.Start(world.WebPort, Patience);
        for (var kill = 0; kill < 3; kill++)
        {
            var pid = (await daemon.PidsAsync())["web"];
            clients.Fault();
            NativeSignals.Send(pid, SignalNumbers.SIGKILL);
            await UpOnANewSshAsync(daemon, "web", pid);
        }
        var (attempts, failed) = await clients.StopAsync();

        Assert.True(attempts >= 10, $"{attempts} attempts");
        Assert.True(failed == 0, $"{failed} of {attempts} attempts failed; the daemon said:\n{daemon.Log}");
        Assert.Contains($"holding 127.0.0.1:{world.WebPort}", daemon.Log);
    }

    [SshdFact]
    public async Task With_a_standby_clients_go_to_it_while_the_tunnels_ssh_is_restarted()
    {
        await using var world = await DaemonWorld.StartAsync();
        await world.WriteConfigAsync(("web", $"local: \"127.0.0.1:{world.WebPort}:127.0.0.1:{world.EchoPort}\"", ["standby: true"]));
        await using var daemon = world.Up();
        await daemon.AllUpAsync(["web"]);
        await Eventually.WaitUntilAsync(() => Task.FromResult(daemon.Log.Contains("web (standby): up", StringComparison.Ordinal)),
            () => $"the standby to be up; the daemon said:\n{daemon.Log}", DaemonWorld.Generous);

        await using var clients = ClientLoop.Start(world.WebPort, Patience);
        for (var kill = 0; kill < 3; kill++)
        {
            var pid = (await daemon.PidsAsync())["web"];
            clients.Fault();
            NativeSignals.Send(pid, SignalNumbers.SIGKILL);
            await UpOnANewSshAsync(daemon, "web", pid);
        }
        var (attempts, failed) = await clients.StopAsync();

        Assert.True(failed == 0, $"{failed} of {attempts} attempts failed; the daemon said:\n{daemon.Log}");
        // The standby is no tunnel of its own.
        Assert.Single(await daemon.StatusAsync());
    }

    [SshdFact]
    public async Task Clients_of_a_held_local_port_see_no_failure_across_an_sshd_restart_and_a_reload()
    {
        await using var world = await DaemonWorld.StartAsync();
        await world.WriteConfigAsync(("web", $"local: \"127.0.0.1:{world.WebPort}:127.0.0.1:{world.EchoPort}\""));
        await using var daemon = world.Up();
        await daemon.AllUpAsync(["web"]);

        await using var clients = ClientLoop.Start(world.WebPort, Patience);
        clients.Fault();
        await StopSshdAsync(world, daemon, "web");
        await world.Sshd.StartAsync();
        await daemon.AllUpAsync(["web"]);

        // A reload that changes the tunnel but not the forward restarts ssh; the port stays held.
        var pid = (await daemon.PidsAsync())["web"];
        await world.WriteConfigAsync(("web", $"local: \"127.0.0.1:{world.WebPort}:127.0.0.1:{world.EchoPort}\"", ["ssh_options: { Compression: \"no\" }"]));
        var reload = await clients.FaultAsync(() => daemon.CliAsync("reload"));
        Assert.True(reload.ExitCode == 0, reload.StandardOutput + reload.StandardError);
        await UpOnANewSshAsync(daemon, "web", pid);
        var (attempts, failed) = await clients.StopAsync();

        Assert.True(failed == 0, $"{failed} of {attempts} attempts failed; the daemon said:\n{daemon.Log}");
        Assert.DoesNotContain("no longer holding", daemon.Log);
    }

    [SshdFact]
    public async Task Socks_clients_of_a_held_dynamic_port_see_no_failure_across_killed_ssh_an_sshd_restart_and_a_reload()
    {
        await using var world = await DaemonWorld.StartAsync();
        await world.WriteConfigAsync(("socks", $"dynamic: \"127.0.0.1:{world.WebPort}\""));
        await using var daemon = world.Up();
        await daemon.AllUpAsync(["socks"]);

        var results = new List<Task<bool>>();
        // SOCKS5 (by address), SOCKS4a (by name) and SOCKS4 clients that come while no session is there.
        void ThreeClients()
        {
            results.Add(SocksClient.Socks5Async(world.WebPort, world.EchoPort, Patience));
            results.Add(SocksClient.EchoAsync(world.WebPort, world.EchoPort, [], [4, 1], 8, 8, Patience, [0, 0, 0, 1, 0, .. "localhost"u8.ToArray(), 0]));
            results.Add(SocksClient.EchoAsync(world.WebPort, world.EchoPort, [], [4, 1], 8, 8, Patience, [127, 0, 0, 1, 0]));
        }
        for (var kill = 0; kill < 3; kill++)
        {
            var pid = (await daemon.PidsAsync())["socks"];
            NativeSignals.Send(pid, SignalNumbers.SIGKILL);
            ThreeClients();
            await UpOnANewSshAsync(daemon, "socks", pid);
        }

        await StopSshdAsync(world, daemon, "socks");
        ThreeClients();
        await world.Sshd.StartAsync();
        await daemon.AllUpAsync(["socks"]);

        var before = (await daemon.PidsAsync())["socks"];
        await world.WriteConfigAsync(("socks", $"dynamic: \"127.0.0.1:{world.WebPort}\"", ["ssh_options: { Compression: \"no\" }"]));
        Assert.Equal(0, (await daemon.CliAsync("reload")).ExitCode);
        ThreeClients();
        await UpOnANewSshAsync(daemon, "socks", before);

        var ok = await Task.WhenAll(results);
        Assert.True(ok.All(o => o), $"{ok.Count(o => !o)} of {ok.Length} SOCKS clients failed; the daemon said:\n{daemon.Log}");
    }

    [SshdFact]
    public async Task Every_client_of_a_held_port_is_counted_in_metrics_and_status_json_and_none_is_left_waiting()
    {
        const int Clients = 12;
        await using var world = await DaemonWorld.StartAsync();
        await world.WriteConfigAsync(("web", $"local: \"127.0.0.1:{world.WebPort}:127.0.0.1:{world.EchoPort}\""));
        var http = LoopbackPort.PickFree();
        await using var daemon = world.Up(extraArguments: ["--http", $"127.0.0.1:{http}"]);
        await daemon.AllUpAsync(["web"]);

        // Half while the session is up, half while its ssh is dead: those wait and are carried by the next one.
        var carried = new List<bool>();
        for (var i = 0; i < Clients / 2; i++)
            carried.Add(await EchoProbe.RoundTripAsync(world.WebPort, System.Text.Encoding.ASCII.GetBytes($"client {i}\n"), Patience));
        NativeSignals.Send((await daemon.PidsAsync())["web"], SignalNumbers.SIGKILL);
        carried.AddRange(await Task.WhenAll(Enumerable.Range(Clients / 2, Clients / 2).Select(i =>
            EchoProbe.RoundTripAsync(world.WebPort, System.Text.Encoding.ASCII.GetBytes($"client {i}\n"), Patience))));
        Assert.True(carried.All(ok => ok), $"{carried.Count(ok => !ok)} of {Clients} clients failed; the daemon said:\n{daemon.Log}");

        var forward = (await daemon.TunnelAsync("web"))!.Value.GetProperty("forwards").EnumerateArray().Single();
        Assert.Equal($"127.0.0.1:{world.WebPort}", forward.GetProperty("listen").GetString());
        Assert.Equal("local", forward.GetProperty("kind").GetString());
        Assert.True(forward.GetProperty("accepted").GetInt64() >= Clients, forward.ToString());
        Assert.Equal(0, forward.GetProperty("waiting").GetInt32());
        Assert.Equal(0, forward.GetProperty("failed").GetInt64());

        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{http}/"), Timeout = TimeSpan.FromSeconds(10) };
        var metrics = PrometheusText.Parse(await client.GetStringAsync(new Uri("/metrics", UriKind.Relative)));
        (string, string)[] labels = [("tunnel", "web"), ("forward", $"127.0.0.1:{world.WebPort}"), ("kind", "local")];
        double Value(string family, string? name = null) =>
            metrics[family].Samples.Single(s => s.Name == (name ?? family) && s.Has(labels)).Value;
        Assert.True(Value("sshkeep_forward_clients_accepted_total") >= Clients);
        Assert.Equal(0, Value("sshkeep_forward_clients_waiting"));
        Assert.Equal(0, Value("sshkeep_forward_clients_failed_total"));
        var waits = Value("sshkeep_forward_client_wait_seconds", "sshkeep_forward_client_wait_seconds_count");
        Assert.True(waits >= Clients, $"{waits} waits counted");
        Assert.True(Value("sshkeep_forward_client_wait_seconds", "sshkeep_forward_client_wait_seconds_sum") > 0);
    }

    [RequiresFact(Needs.Sshd | Needs.SocketActivate)]
    public async Task A_port_passed_by_socket_activation_is_held_and_its_first_client_is_served()
    {
        await using var world = await DaemonWorld.StartAsync();
        await world.WriteConfigAsync(("web", $"local: \"127.0.0.1:{world.WebPort}:127.0.0.1:{world.EchoPort}\""));
        // systemd-socket-activate listens, and on the first connection execs the daemon with the socket as fd 3
        // (LISTEN_FDS=1), as a .socket unit would: that client waits in the backlog until the daemon takes it.
        await using var daemon = new RunningDaemon(world, BackgroundProcess.Start(DemoTools.Find("systemd-socket-activate")!,
            ["-l", $"127.0.0.1:{world.WebPort}", SshkeepUnderTest.BinaryPath, "up", "-c", world.ConfigPath, "--run-dir", world.RunDirectory],
            new Dictionary<string, string?> { ["NOTIFY_SOCKET"] = null, ["WATCHDOG_USEC"] = null, ["JOURNAL_STREAM"] = null }));

        // The first connection that gets through (systemd-socket-activate listens a moment after it starts) is the one
        // that starts the daemon; it waits in the backlog, and must be served.
        using var first = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await Eventually.WaitUntilAsync(async () =>
        {
            try
            {
                await first.ConnectAsync(new IPEndPoint(IPAddress.Loopback, world.WebPort));
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        }, () => "systemd-socket-activate to listen", DaemonWorld.Generous);
        using var deadline = new CancellationTokenSource(DaemonWorld.Generous);
        await first.SendAsync("first\n"u8.ToArray(), SocketFlags.None, deadline.Token);
        var echo = new byte[6];
        for (var filled = 0; filled < echo.Length;)
        {
            var read = await first.ReceiveAsync(echo.AsMemory(filled), SocketFlags.None, deadline.Token);
            Assert.True(read > 0, $"the first client's connection ended before its echo; the daemon said:\n{daemon.Log}");
            filled += read;
        }
        Assert.Equal("first\n", System.Text.Encoding.ASCII.GetString(echo));
        Assert.Contains($"holding 127.0.0.1:{world.WebPort}", daemon.Log);
        Assert.DoesNotContain("cannot hold", daemon.Log);
    }

    [SshdFact]
    public async Task A_client_that_waits_longer_than_hold_is_closed_cleanly()
    {
        await using var world = await DaemonWorld.StartAsync();
        await world.WriteConfigAsync(("web", $"local: \"127.0.0.1:{world.WebPort}:127.0.0.1:{world.EchoPort}\", hold: 1"));
        await using var daemon = world.Up();
        await daemon.AllUpAsync(["web"]);
        await StopSshdAsync(world, daemon, "web");

        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(new IPEndPoint(IPAddress.Loopback, world.WebPort));
        using var deadline = new CancellationTokenSource(DaemonWorld.Generous);
        // A clean close is an end of stream (FIN), not a reset.
        var read = await client.ReceiveAsync(new byte[16], SocketFlags.None, deadline.Token);

        Assert.Equal(0, read);
    }

    [SshdFact]
    public async Task Nothing_leaks_after_a_thousand_clients_through_fifty_restarts()
    {
        await using var world = await DaemonWorld.StartAsync();
        await world.WriteConfigAsync(("web", $"local: \"127.0.0.1:{world.WebPort}:127.0.0.1:{world.EchoPort}\"",
            ["health: { probe_interval: 0 }"]));
        await using var daemon = world.Up();
        await daemon.AllUpAsync(["web"]);
        Assert.True(await world.CarriesBytesAsync(world.WebPort));
        var socketsBefore = Sockets(daemon.Pid);

        var total = 0;
        for (var restart = 0; restart < 50; restart++)
        {
            // Clients that come while ssh is dead wait and are handed to the next one.
            var pid = (await daemon.PidsAsync())["web"];
            NativeSignals.Send(pid, SignalNumbers.SIGKILL);
            var batch = Enumerable.Range(0, 20).Select(i => EchoProbe.AttemptAsync(world.WebPort,
                System.Text.Encoding.ASCII.GetBytes($"client {restart}.{i}\n"), Patience)).ToList();
            var results = await Task.WhenAll(batch);
            total += results.Length;
            Assert.True(results.All(r => r == EchoOutcome.Ok),
                $"restart {restart}: {string.Join(", ", results.GroupBy(r => r).Select(g => $"{g.Count()} {g.Key}"))}; the daemon said:\n{daemon.Log}");
            await UpOnANewSshAsync(daemon, "web", pid);
        }

        Assert.Equal(1000, total);
        // Every client connection ended: the daemon holds no more sockets than before, and nothing threw.
        await Eventually.WaitUntilAsync(() => Task.FromResult(Sockets(daemon.Pid) <= socketsBefore),
            () => $"the daemon's sockets to come back to {socketsBefore} from {Sockets(daemon.Pid)}", DaemonWorld.Generous);
        Assert.DoesNotContain("Exception", daemon.Log);
        // …and no client is left waiting or open on the held port.
        var forward = Assert.Single((await daemon.TunnelAsync("web"))!.Value.GetProperty("forwards").EnumerateArray());
        Assert.Equal(0, forward.GetProperty("waiting").GetInt32());
        Assert.Equal(0, forward.GetProperty("open").GetInt32());
        Assert.True(forward.GetProperty("accepted").GetInt64() >= 1000);
    }

    private static int Sockets(int pid) => Directory.GetFiles($"/proc/{pid}/fd").Count(fd => TryLink(fd).StartsWith("socket:", StringComparison.Ordinal));

    /// <summary>Stops the sshd and waits until <paramref name="tunnel"/> has left up.</summary>
    private static async Task StopSshdAsync(DaemonWorld world, RunningDaemon daemon, string tunnel)
    {
        await world.Sshd.StopAsync();
        await Eventually.WaitUntilAsync(async () => await daemon.StateAsync(tunnel) is not "up",
            () => $"{tunnel} to leave up while sshd is down; the daemon said:\n{daemon.Log}", DaemonWorld.Generous);
    }

    private static Task UpOnANewSshAsync(RunningDaemon daemon, string tunnel, int oldPid) =>
        Eventually.WaitUntilAsync(async () => (await daemon.PidsAsync()).GetValueOrDefault(tunnel) is var now && now != 0 && now != oldPid
            && await daemon.StateAsync(tunnel) == "up", () => $"{tunnel} to be up on a new ssh; the daemon said:\n{daemon.Log}", DaemonWorld.Generous);

    private static string TryLink(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget ?? "?";
        }
        catch (IOException)
        {
            return "gone";
        }
    }
}
