using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using SshKeep.Demo;
using SshKeep.Tests.Integration.Infrastructure;

namespace SshKeep.Tests.Integration;

/// <summary>
/// Failure classes (docs/daemon.md, "Tunnel states"), with the real `sshkeep up` and a real sshd: a key the
/// server refuses waits for a person instead of hammering the server, and a remote port still held
/// by another session is waited for, named in the status, and taken as soon as it is free.
/// </summary>
public sealed class DaemonFailureClassesAgainstSshdTests
{
    [SshdFact]
    public async Task A_key_the_server_does_not_accept_lands_in_needs_attention_with_the_fix_and_is_not_retried_quickly()
    {
        await using var world = await DaemonWorld.StartAsync();
        var strangerKey = Path.Combine(world.Directory, "stranger_ed25519");
        await Run.SuccessfullyAsync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "sshkeep-stranger", "-f", strangerKey]);
        await world.WriteConfigAsync(("locked-out", $"local: \"127.0.0.1:{LoopbackPort.PickFree()}:127.0.0.1:{world.EchoPort}\"",
                                      [$"identity_file: {strangerKey}"]));
        await using var daemon = world.Up();

        var tunnel = await WaitForTunnelAsync(daemon, "locked-out", t => State(t) == "needs-attention", "locked-out to need attention");
        Assert.Contains("Permission denied", tunnel.GetProperty("lastError").GetString());
        Assert.Contains("locked-out: needs attention:", daemon.Log);
        Assert.Contains("identity_file", daemon.Log); // the fix names what to check

        // Long enough for a fast retry (back-off starts at 0.5 s) to have happened several times,
        // read from the daemon's own clock rather than slept for.
        await WaitForTunnelAsync(daemon, "locked-out", t => t.GetProperty("sinceSeconds").GetInt32() >= 5, "5 s in needs-attention");
        Assert.Equal("needs-attention", await daemon.StateAsync("locked-out"));
        Assert.Equal(1, SshStarts(daemon.Log, "locked-out"));
    }

    [SshdFact]
    public async Task A_remote_port_held_by_another_session_is_waited_for_and_taken_once_it_is_free()
    {
        await using var world = await DaemonWorld.StartAsync();
        var port = world.BackPort;
        // The holder forwards the port to nowhere, so bytes that come back later can only have
        // come through sshkeep's forward.
        var nowhere = $"127.0.0.1:{port}:127.0.0.1:{LoopbackPort.PickFree()}";
        await using var holder = BackgroundProcess.Start("ssh",
            [.. world.Sshd.ClientOptions, "-N", "-o", "ExitOnForwardFailure=yes", "-R", nowhere, world.Sshd.Destination]);
        await Eventually.WaitUntilAsync(() => AcceptsAsync(port), () => $"the holder's session to listen on {port}: {holder.StandardError}");
        await world.WriteConfigAsync(("back", $"remote: \"127.0.0.1:{port}:127.0.0.1:{world.EchoPort}\""));
        await using var daemon = world.Up();

        var waiting = await WaitForTunnelAsync(daemon, "back", t => State(t) == "waiting-for-remote-port", "back to wait for its remote port");
        Assert.Equal(port, waiting.GetProperty("heldRemotePort").GetInt32());

        await holder.StopAsync(TimeSpan.FromSeconds(10));

        await daemon.AllUpAsync(["back"]);
        Assert.True(await world.CarriesBytesAsync(port), "the -R forward carries bytes once the port is free");
        Assert.Equal(JsonValueKind.Null, (await daemon.TunnelAsync("back"))!.Value.GetProperty("heldRemotePort").ValueKind);
    }

    private static string? State(JsonElement tunnel) => tunnel.GetProperty("state").GetString();

    private static async Task<JsonElement> WaitForTunnelAsync(RunningDaemon daemon, string name, Func<JsonElement, bool> condition, string what)
    {
        JsonElement? found = null;
        await Eventually.WaitUntilAsync(async () => (found = await daemon.TunnelAsync(name)) is { } t && condition(t),
                                        () => $"{what}; status: {found}; the daemon said:\n{daemon.Log}");
        return found!.Value;
    }

    /// <summary>How many times the daemon logged starting ssh for <paramref name="tunnel"/> (event 1100).</summary>
    private static int SshStarts(string log, string tunnel) =>
        log.Split('\n').Count(l => l.Contains($" {tunnel}: starting ssh to ", StringComparison.Ordinal));

    private static async Task<bool> AcceptsAsync(int port)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), deadline.Token);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return false;
        }
    }
}
