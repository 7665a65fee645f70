using SshKeep.Daemon;
using SshKeep.Tests.Fakes;

namespace SshKeep.Tests.Daemon;

/// <summary>The CLI's side of the control socket believes only a daemon of its own uid or root:
/// another user who could put a socket at the path (a run directory they can write) is not a daemon.</summary>
public sealed class ControlClientAsNobodyTests
{
    [AsNobodyFact]
    public async Task A_socket_served_by_another_user_is_not_believed_and_is_sent_nothing()
    {
        using var temp = new TempDirectory();
        File.SetUnixFileMode(temp.Path, (UnixFileMode)0x1FF /* 0777: a directory others may write */);
        string path = temp.File("control-tunnels-0123456789ab.sock");
        await using var fake = await ForeignUnixListener.StartAsync(path,
            "{\"ok\":true,\"error\":null,\"message\":\"\\u001b]0;pwned\\u0007stopped\",\"status\":null}\n");

        var result = await new ControlClient(TimeProvider.System).SendAsync(path, new ControlRequest(ControlCommand.Stop), CancellationToken.None);

        Assert.Equal(ControlCallOutcome.Failed, result.Outcome);
        Assert.Null(result.Response);
        Assert.Equal($"\"{path}\" is served by uid 65534 (pid {fake.Pid}), not by us (uid 0) or root; not trusting it", result.Problem);
        await Integration.Infrastructure.Eventually.WaitUntilAsync(() => fake.Output.Contains("got ", StringComparison.Ordinal), "the fake daemon to see the connection end");
        Assert.Equal("got 0\n", fake.Output);
    }
}
