using SshKeep.Config;
using SshKeep.Demo;
using SshKeep.Health;
using SshKeep.Native;
using SshKeep.Tests.Integration.Infrastructure;

namespace SshKeep.Tests.Health;

/// <summary>
/// Probes open sockets, a socketpair and a control connection each time, every few seconds for the
/// life of the daemon: one descriptor lost per failure would exhaust the process's limit within
/// days. This runs every way a probe ends, many times, and counts /proc/self/fd before and after.
/// </summary>
[Collection(DescriptorCountCollection.Name)]
public sealed class ProbeDescriptorLeakTests
{
    private const int Rounds = 10;

    [SshdFact]
    public async Task Probes_that_pass_fail_time_out_or_are_cancelled_leave_no_descriptor_open()
    {
        await using var sshd = await ThrowawaySshd.CreateAsync();
        await using var echo = EchoServer.Start();
        await using var wrong = CannedResponder.Start("-ERR\r\n");
        var (local, remote, mismatch, down, silent) =
            (LoopbackPort.PickFree(), LoopbackPort.PickFree(), LoopbackPort.PickFree(), LoopbackPort.PickFree(), LoopbackPort.PickFree());
        await using var tunnel = await ControlMasterTunnel.StartAsync(sshd,
            "-L", ControlMasterTunnel.Local(local, echo.Port),
            "-L", ControlMasterTunnel.Local(mismatch, wrong.Port),
            "-R", $"127.0.0.1:{remote}:127.0.0.1:{echo.Port}");
        var missingMaster = Path.Combine(Path.GetTempPath(), $"sshkeep-no-such-{Guid.NewGuid():N}");
        var probe = new ForwardProbe(TimeProvider.System);
        var ping = new ProbeExchange("PING\n", "PING\n", null);
        var passingL = new ForwardSpec(ForwardKind.Local, "127.0.0.1", local, "127.0.0.1", echo.Port) { Probe = ping };
        var passingR = new ForwardSpec(ForwardKind.Remote, null, remote, "127.0.0.1", echo.Port) { Probe = ping };
        var wrongReply = new ForwardSpec(ForwardKind.Local, "127.0.0.1", mismatch, "127.0.0.1", wrong.Port) { Probe = new ProbeExchange("PING\n", "+PONG", null) };
        var targetDown = new ForwardSpec(ForwardKind.Local, "127.0.0.1", local, "127.0.0.1", down);
        var noListener = new ForwardSpec(ForwardKind.Local, "127.0.0.1", silent, "127.0.0.1", echo.Port);
        var dynamicNone = new ForwardSpec(ForwardKind.Dynamic, "127.0.0.1", silent, null, null);
        await Eventually.WaitUntilAsync(async () => (await probe.RunAsync(passingR, tunnel.ControlPath, TimeSpan.FromSeconds(5), true, default)).Ok,
            "the -R forward to be up");

        async Task OneOfEachAsync()
        {
            Assert.True((await probe.RunAsync(passingL, tunnel.ControlPath, TimeSpan.FromSeconds(5), true, default)).Ok);
            Assert.True((await probe.RunAsync(passingR, tunnel.ControlPath, TimeSpan.FromSeconds(5), true, default)).Ok);
            Assert.False((await probe.RunAsync(wrongReply, tunnel.ControlPath, TimeSpan.FromSeconds(5), true, default)).Ok);
            Assert.False((await probe.RunAsync(targetDown, tunnel.ControlPath, TimeSpan.FromSeconds(5), true, default)).Ok);
            Assert.False((await probe.RunAsync(noListener, tunnel.ControlPath, TimeSpan.FromSeconds(5), true, default)).Ok);
            Assert.False((await probe.RunAsync(dynamicNone, tunnel.ControlPath, TimeSpan.FromSeconds(5), true, default)).Ok);
            Assert.False((await probe.RunAsync(passingL, missingMaster, TimeSpan.FromSeconds(5), true, default)).Ok);
        }

        async Task FrozenAsync()
        {
            var frozen = sshd.SessionPids();
            try
            {
                foreach (var pid in frozen) NativeSignals.Send(pid, SignalNumbers.SIGSTOP);
                Assert.False((await probe.RunAsync(passingR, tunnel.ControlPath, TimeSpan.FromMilliseconds(300), true, default)).Ok);
                using var stopping = new CancellationTokenSource();
                var cancelled = probe.RunAsync(passingL, tunnel.ControlPath, TimeSpan.FromSeconds(5), true, stopping.Token);
                await stopping.CancelAsync();
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
            }
            finally
            {
                foreach (var pid in frozen) NativeSignals.Send(pid, SignalNumbers.SIGCONT);
            }
        }

        // One round first, so whatever the runtime opens once (epoll, timers, thread pool) is open before counting.
        await OneOfEachAsync();
        await FrozenAsync();
        var before = OpenDescriptors();

        for (var round = 0; round < Rounds; round++)
        {
            await OneOfEachAsync();
            if (round % 3 == 0) await FrozenAsync();
        }

        // The echo and canned services in this process close their ends when sshd's side closes,
        // a moment after each probe: wait for them rather than count too early.
        await Eventually.WaitUntilAsync(() => Task.FromResult(OpenDescriptors().Count <= before.Count),
            () => $"the descriptor count to fall back to {before.Count}; now open and new: {string.Join(", ", OpenDescriptors().Except(before))}");
    }

    private static List<string> OpenDescriptors()
    {
        var open = new List<string>();
        foreach (var fd in Directory.EnumerateFileSystemEntries("/proc/self/fd"))
        {
            try
            {
                open.Add($"{Path.GetFileName(fd)}→{new FileInfo(fd).LinkTarget}");
            }
            catch (IOException)
            {
                // Closed while listing (the directory's own descriptor, for one).
            }
        }
        return open;
    }
}
