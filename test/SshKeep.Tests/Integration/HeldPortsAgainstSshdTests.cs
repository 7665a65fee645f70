using System.Net;
using System.Net.Sockets;
using SshKeep.Demo;
using SshKeep.Native;
using SshKeep.Tests.Integration.Infrastructure;

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
            await Eventually.WaitUntilAsync(async () => (await daemon.PidsAsync()).GetValueOrDefault("web") is var now && now != 0 && now != pid
                && await daemon.StateAsync("web") == "up", () => $"web to be up on a new ssh; the daemon said:\n{daemon.Log}", DaemonWorld.Generous);
        }
        var (attempts, failed) = await clients.StopAsync();

        Assert.True(attempts >= 10, $"{attempts} attempts");
        Assert.True(failed == 0, $"{failed} of {attempts} attempts failed; the daemon said:\n{daemon.Log}");
        Assert.Contains($"holding 127.0.0.1:{world.WebPort}", daemon.Log);
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
        await world.Sshd.StopAsync();
        await Eventually.WaitUntilAsync(async () => await daemon.StateAsync("web") is not "up",
            () => $"web to leave up while sshd is down; the daemon said:\n{daemon.Log}", DaemonWorld.Generous);
        await world.Sshd.StartAsync();
        await daemon.AllUpAsync(["web"]);

        // A reload that changes the tunnel but not the forward restarts ssh; the port stays held.
        var pid = (await daemon.PidsAsync())["web"];
        await world.WriteConfigAsync(("web", $"local: \"127.0.0.1:{world.WebPort}:127.0.0.1:{world.EchoPort}\"", ["ssh_options: { Compression: \"no\" }"]));
        clients.Fault();
        var reload = await daemon.CliAsync("reload");
        Assert.True(reload.ExitCode == 0, reload.StandardOutput + reload.StandardError);
        await Eventually.WaitUntilAsync(async () => (await daemon.PidsAsync()).GetValueOrDefault("web") is var now && now != 0 && now != pid
            && await daemon.StateAsync("web") == "up", () => $"web to be up on a new ssh; the daemon said:\n{daemon.Log}", DaemonWorld.Generous);
        var (attempts, failed) = await clients.StopAsync();

        Assert.True(failed == 0, $"{failed} of {attempts} attempts failed; the daemon said:\n{daemon.Log}");
        Assert.DoesNotContain("no longer holding", daemon.Log);
    }

    [SshdFact]
    public async Task A_client_that_waits_longer_than_hold_is_closed_cleanly()
    {
        await using var world = await DaemonWorld.StartAsync();
        await world.WriteConfigAsync(("web", $"local: \"127.0.0.1:{world.WebPort}:127.0.0.1:{world.EchoPort}\", hold: 1"));
        await using var daemon = world.Up();
        await daemon.AllUpAsync(["web"]);
        await world.Sshd.StopAsync();
        await Eventually.WaitUntilAsync(async () => await daemon.StateAsync("web") is not "up",
            () => $"web to leave up while sshd is down; the daemon said:\n{daemon.Log}", DaemonWorld.Generous);

        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(new IPEndPoint(IPAddress.Loopback, world.WebPort));
        using var deadline = new CancellationTokenSource(DaemonWorld.Generous);
        // A clean close is an end of stream (FIN), not a reset.
        var read = await client.ReceiveAsync(new byte[16], SocketFlags.None, deadline.Token);

        Assert.Equal(0, read);
        var counts = (await daemon.TunnelAsync("web"))!.Value;
        Assert.NotNull(counts.ToString());
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
        var descriptorsBefore = Directory.GetFiles($"/proc/{daemon.Pid}/fd").Length;

        var total = 0;
        for (var restart = 0; restart < 50; restart++)
        {
            // Clients that come while ssh is dead wait and are handed to the next one.
            var pid = (await daemon.PidsAsync())["web"];
            NativeSignals.Send(pid, SignalNumbers.SIGKILL);
            var batch = Enumerable.Range(0, 20).Select(i => EchoProbe.RoundTripAsync(world.WebPort,
                System.Text.Encoding.ASCII.GetBytes($"client {restart}.{i}\n"), Patience)).ToList();
            var results = await Task.WhenAll(batch);
            total += results.Length;
            Assert.True(results.All(ok => ok), $"restart {restart}: {results.Count(ok => !ok)} of 20 failed; the daemon said:\n{daemon.Log}");
            await Eventually.WaitUntilAsync(async () => (await daemon.PidsAsync()).GetValueOrDefault("web") is var now && now != 0 && now != pid
                && await daemon.StateAsync("web") == "up", () => $"web to be up on a new ssh; the daemon said:\n{daemon.Log}", DaemonWorld.Generous);
        }

        Assert.Equal(1000, total);
        // Every client connection ended: the daemon holds no more descriptors than before (a few of the runtime's may come and go).
        await Eventually.WaitUntilAsync(() => Task.FromResult(Directory.GetFiles($"/proc/{daemon.Pid}/fd").Length <= descriptorsBefore + 4),
            () => $"the daemon's descriptors to come back to {descriptorsBefore}: {string.Join(", ", Directory.GetFiles($"/proc/{daemon.Pid}/fd").Select(f => $"{Path.GetFileName(f)}→{TryLink(f)}"))}",
            DaemonWorld.Generous);
    }

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
