using System.Text.Json;
using SshKeep.Demo;
using SshKeep.Tests.Integration.Infrastructure;

namespace SshKeep.Tests.Integration;

/// <summary>
/// Detection and recovery (docs/daemon.md, docs/probes.md), with the real `sshkeep up`, a real sshd and
/// real faults: a black-holed server (iptables on lo, root only) and a frozen server session
/// (SIGSTOP), which only the end-to-end probe can see when ssh's keepalive is slow.
/// </summary>
public sealed class DaemonRecoveryAgainstSshdTests
{
    [RequiresFact(Needs.Root | Needs.Sshd)]
    public async Task A_black_holed_tunnel_is_restarted_and_works_again_after_the_heal()
    {
        await using var world = await DaemonWorld.StartAsync();
        await world.WriteConfigAsync(("web", $"local: \"127.0.0.1:{world.WebPort}:127.0.0.1:{world.EchoPort}\""));
        await using var daemon = world.Up();
        await daemon.AllUpAsync(["web"]);
        Assert.True(await world.CarriesBytesAsync(world.WebPort));

        await using (LoopbackFirewall.BlackHole(world.Sshd.Port))
        {
            // ssh's keepalive (2 s × 2 here) or the probe notices; either way the tunnel leaves up.
            await Eventually.WaitUntilAsync(async () => await daemon.StateAsync("web") is not "up",
                () => $"web to leave up during the black hole; the daemon said:\n{daemon.Log}", TimeSpan.FromSeconds(60));
        }

        await daemon.AllUpAsync(["web"]);
        Assert.True(await world.CarriesBytesAsync(world.WebPort), "the tunnel carries bytes again after the heal");
        var web = (await daemon.TunnelAsync("web"))!.Value;
        Assert.True(web.GetProperty("restarts").GetInt32() >= 1);
    }

    [RequiresFact(Needs.Root | Needs.Sshd)]
    public async Task A_remote_forward_whose_session_died_in_an_outage_gets_its_port_back_by_a_reset_after_the_heal()
    {
        // The throwaway sshd has no ClientAliveInterval (sshd's default): it would hold the -R
        // port of the dead session until a retransmission got through, seconds after the heal.
        await using var world = await DaemonWorld.StartAsync();
        await world.WriteConfigAsync(("back", $"remote: \"127.0.0.1:{world.BackPort}:127.0.0.1:{world.EchoPort}\""));
        await using var daemon = world.Up();
        await daemon.AllUpAsync(["back"]);
        Assert.True(await world.CarriesBytesAsync(world.BackPort));

        await using (LoopbackFirewall.BlackHole(world.Sshd.Port))
        {
            await Eventually.WaitUntilAsync(() => Task.FromResult(daemon.Log.Contains("keeping it to reset it once the server answers", StringComparison.Ordinal)),
                () => $"the daemon to keep the dead session's connection; it said:\n{daemon.Log}", TimeSpan.FromSeconds(60));
        }

        await daemon.AllUpAsync(["back"]);
        Assert.True(await world.CarriesBytesAsync(world.BackPort), "the remote forward carries bytes again after the heal");
        Assert.Contains("reset the dead session's connection", daemon.Log);
        Assert.Contains($"frees remote port {world.BackPort}", daemon.Log);
        // One outage of a working tunnel is one restart, however many starts it took to get back.
        var back = (await daemon.TunnelAsync("back"))!.Value;
        Assert.Equal(1, back.GetProperty("restarts").GetInt32());
        Assert.True(back.GetProperty("attempts").GetInt32() >= 2);
        Assert.True(back.GetProperty("lastErrorPast").GetBoolean());
    }

    [SshdFact]
    public async Task A_frozen_server_session_is_detected_by_the_probe()
    {
        await using var world = await DaemonWorld.StartAsync();
        // ssh's own keepalive would take 60 s × 2 here: what notices the freeze is the probe.
        await world.WriteConfigAsync(("web", $"local: \"127.0.0.1:{world.WebPort}:127.0.0.1:{world.EchoPort}\"",
            ["health: { server_alive_interval: 60, probe_interval: 1, probe_timeout: 0.5, probe_failures: 2 }"]));
        await using var daemon = world.Up();
        await daemon.AllUpAsync(["web"]);
        var frozen = world.Sshd.SessionPids();
        Assert.NotEmpty(frozen);

        try
        {
            foreach (var pid in frozen) NativeSignals.Send(pid, SshKeep.Native.SignalNumbers.SIGSTOP);

            await Eventually.WaitUntilAsync(async () =>
                    (await daemon.TunnelAsync("web"))?.GetProperty("lastRestartReason").GetString() == "probe-failed",
                () => $"the probe to condemn the frozen session; the daemon said:\n{daemon.Log}", TimeSpan.FromSeconds(60));
            Assert.Contains("failed 2 times in a row (session: no answer", daemon.Log);
        }
        finally
        {
            foreach (var pid in frozen) NativeSignals.Send(pid, SshKeep.Native.SignalNumbers.SIGCONT);
        }

        await daemon.AllUpAsync(["web"]);
        Assert.True(await world.CarriesBytesAsync(world.WebPort), "the new session carries bytes");
    }
}
