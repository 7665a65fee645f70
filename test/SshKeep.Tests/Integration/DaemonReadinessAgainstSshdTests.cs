using SshKeep.Tests.Daemon;
using SshKeep.Tests.Integration.Infrastructure;

namespace SshKeep.Tests.Integration;

/// <summary>
/// What READY=1 means with a broken tunnel (docs/daemon.md "Readiness"), with the real `sshkeep
/// up`, a real sshd and a datagram socket standing in for systemd's NOTIFY_SOCKET: a tunnel whose
/// key the server refuses must not keep `systemctl start` waiting.
/// </summary>
public sealed class DaemonReadinessAgainstSshdTests
{
    [SshdFact]
    public async Task A_tunnel_that_needs_attention_does_not_hold_ready_back_and_the_status_names_it()
    {
        await using var world = await DaemonWorld.StartAsync();
        var strangerKey = Path.Combine(world.Directory, "stranger_ed25519");
        await Run.SuccessfullyAsync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "sshkeep-stranger", "-f", strangerKey]);
        await world.WriteConfigAsync(("good", $"local: \"127.0.0.1:{world.WebPort}:127.0.0.1:{world.EchoPort}\"", []),
                                     ("locked-out", $"local: \"127.0.0.1:{world.DbPort}:127.0.0.1:{world.EchoPort}\"",
                                      [$"identity_file: {strangerKey}"]));
        // An hour: READY=1 can only come from needs-attention counting as settled, not from the timeout.
        await File.WriteAllTextAsync(world.ConfigPath, "ready_timeout: 3600\n" + await File.ReadAllTextAsync(world.ConfigPath));
        using var notify = new NotifySocketListener();
        await using var daemon = world.Up(notify.NotifySocket);

        var ready = await notify.WaitForAsync(m => m.Contains("READY=1", StringComparison.Ordinal), "READY=1", TimeSpan.FromSeconds(90));

        var status = NotifySocketListener.Parse(ready)["STATUS"];
        Assert.StartsWith("1/2 up; locked-out: needs-attention (", status, StringComparison.Ordinal);
        Assert.Contains("Permission denied", status, StringComparison.Ordinal);
        Assert.Equal("up", await daemon.StateAsync("good"));
        Assert.Contains("ready (all-up): 1 of 2 tunnels up", daemon.Log, StringComparison.Ordinal);
    }
}
