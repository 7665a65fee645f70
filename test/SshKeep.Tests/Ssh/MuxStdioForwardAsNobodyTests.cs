using SshKeep.Ssh;
using SshKeep.Tests.Daemon;
using SshKeep.Tests.Fakes;
using SshKeep.Tests.Integration.Infrastructure;

namespace SshKeep.Tests.Ssh;

/// <summary>The probes talk only to an ssh master of our own uid: a socket another user planted at
/// the control path gets nothing, and the failure says why.</summary>
public sealed class MuxStdioForwardAsNobodyTests
{
    [AsNobodyFact]
    public async Task A_control_socket_served_by_another_user_is_sent_nothing_and_named_in_the_failure()
    {
        using var temp = new TempDirectory();
        File.SetUnixFileMode(temp.Path, (UnixFileMode)0x1FF /* 0777: a run directory others may write */);
        string path = temp.File("mux-0123456789ab");
        await using var fake = await ForeignUnixListener.StartAsync(path, "");

        var open = await MuxOpen.OpenAsync(path, "127.0.0.1", 80, TimeSpan.FromSeconds(5), TimeProvider.System, CancellationToken.None);

        var failed = Assert.IsType<MuxStdioOpen.Failed>(open);
        Assert.Equal(MuxOpenFailure.NotOurs, failed.Kind);
        Assert.Equal($"the control socket {path} is served by uid 65534 (pid {fake.Pid}), not by us (uid 0); not using it", failed.Reason);
        await Eventually.WaitUntilAsync(() => fake.Output.Contains("got ", StringComparison.Ordinal), "the fake master to see the connection end");
        Assert.Equal("got 0\n", fake.Output);
    }
}
