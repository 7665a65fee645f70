using System.Text;
using SshKeep.Demo;
using SshKeep.Tests.Integration.Infrastructure;
using static SshKeep.Native.SignalNumbers;

namespace SshKeep.Tests.Integration;

/// <summary>
/// Tier 3: the real sshkeep binary, the real ssh client, a real sshd on 127.0.0.1 and real
/// signals (docs/compatibility.md). Each test owns its sshd, so freezing or killing one
/// cannot disturb another.
/// </summary>
public class CompatModeAgainstSshdTests
{
    private static readonly byte[] Token = Encoding.ASCII.GetBytes("sshkeep-token\n");
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    private static string[] TunnelArguments(IReadOnlyList<string> clientOptions, string destination, int localPort, int targetPort,
        params string[] monitor) =>
    [
        .. monitor,
        "-N",
        "-o", "ExitOnForwardFailure=yes",
        // The seed's keepalive, shortened; with -M port the monitor alone must find a hang, so
        // ssh's own keepalive is left off there (see the loop-mode test).
        .. (monitor is ["-M", "0"] ? new[] { "-o", "ServerAliveInterval=1", "-o", "ServerAliveCountMax=3" } : []),
        "-L", $"{localPort}:127.0.0.1:{targetPort}",
        .. clientOptions,
        destination,
    ];

    private static Task<bool> TunnelWorksAsync(int port) => EchoProbe.RoundTripAsync(port, Token, TimeSpan.FromSeconds(2));

    [SshdFact]
    public async Task A_dash_L_tunnel_carries_bytes()
    {
        await using var sshd = await ThrowawaySshd.CreateAsync();
        await using var echo = EchoServer.Start();
        var port = LoopbackPort.PickFree();
        await using var keeper = SshkeepUnderTest.Start(TunnelArguments(sshd.ClientOptions, sshd.Destination, port, echo.Port, "-M", "0"));

        await Eventually.WaitUntilAsync(() => TunnelWorksAsync(port), "bytes come back through the tunnel", Generous);
        Assert.False(keeper.Exited.IsCompleted, keeper.Describe());
    }

    [SshdFact]
    public async Task Killing_ssh_brings_the_tunnel_back_with_a_new_ssh()
    {
        await using var sshd = await ThrowawaySshd.CreateAsync();
        await using var echo = EchoServer.Start();
        var port = LoopbackPort.PickFree();
        await using var keeper = SshkeepUnderTest.Start(TunnelArguments(sshd.ClientOptions, sshd.Destination, port, echo.Port, "-M", "0"));
        await Eventually.WaitUntilAsync(() => TunnelWorksAsync(port), "the tunnel is up", Generous);
        var first = keeper.ChildPids().Single();

        NativeSignals.Send(first, SIGKILL);

        await Eventually.WaitUntilAsync(() => keeper.ChildPids().Count == 2, "a new ssh is started", Generous);
        await Eventually.WaitUntilAsync(() => TunnelWorksAsync(port), "the tunnel works again", Generous);
        Assert.True(keeper.Logged("ssh exited on signal 9, restarting ssh"), keeper.Describe());
    }

    [SshdFact]
    public async Task Sigusr1_replaces_ssh_and_the_tunnel_works_again()
    {
        await using var sshd = await ThrowawaySshd.CreateAsync();
        await using var echo = EchoServer.Start();
        var port = LoopbackPort.PickFree();
        await using var keeper = SshkeepUnderTest.Start(TunnelArguments(sshd.ClientOptions, sshd.Destination, port, echo.Port, "-M", "0"));
        await Eventually.WaitUntilAsync(() => TunnelWorksAsync(port), "the tunnel is up", Generous);
        var first = keeper.ChildPids().Single();

        keeper.Signal(SIGUSR1);

        await Eventually.WaitUntilAsync(() => keeper.ChildPids().Count == 2, "a new ssh is started", Generous);
        await Eventually.WaitUntilAsync(() => TunnelWorksAsync(port), "the tunnel works again", Generous);
        Assert.False(ProcessExists(first), $"the old ssh {first} is gone");
        Assert.True(keeper.Logged("signalled to kill and restart ssh"), keeper.Describe());
    }

    [SshdFact]
    public async Task Sigterm_stops_ssh_removes_the_pid_file_and_exits_one()
    {
        await using var sshd = await ThrowawaySshd.CreateAsync();
        await using var echo = EchoServer.Start();
        var port = LoopbackPort.PickFree();
        var pidFile = Path.Combine(Path.GetTempPath(), $"sshkeep-it-{Guid.NewGuid():N}.pid");
        await using var keeper = SshkeepUnderTest.Start(TunnelArguments(sshd.ClientOptions, sshd.Destination, port, echo.Port, "-M", "0"),
            new Dictionary<string, string?> { ["AUTOSSH_PIDFILE"] = pidFile });
        await Eventually.WaitUntilAsync(() => TunnelWorksAsync(port), "the tunnel is up", Generous);
        var ssh = keeper.ChildPids().Single();
        Assert.Equal($"{keeper.Pid}\n", await File.ReadAllTextAsync(pidFile));

        keeper.Signal(SIGTERM);

        Assert.Equal(1, await keeper.Exited.WaitAsync(Generous));
        Assert.False(ProcessExists(ssh), $"ssh {ssh} must not outlive sshkeep");
        Assert.False(File.Exists(pidFile), "the pid file is removed");
    }

    [NetnsFact]
    public async Task Loop_mode_detects_a_frozen_server_session_within_the_poll_time()
    {
        // R46–R51 with the server in its own network namespace (spec testing notes): POLL 4 s
        // gives a 2 s network timeout; a frozen session fails the next test and ssh is replaced.
        await using var sshd = await NamespacedSshd.CreateAsync();
        await using var echo = EchoServer.Start();
        var port = LoopbackPort.PickFree();
        var monitorPort = SshKeep.Daemon.FreePortFinder.FindMonitorPortPair()!.Value;
        await using var keeper = SshkeepUnderTest.Start(
            TunnelArguments(sshd.ClientOptions, sshd.Destination, port, echo.Port, "-M", monitorPort.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new Dictionary<string, string?> { ["AUTOSSH_POLL"] = "4", ["AUTOSSH_FIRST_POLL"] = "1", ["AUTOSSH_GATETIME"] = "0" });
        await Eventually.WaitUntilAsync(() => keeper.Logged("connection ok"), "a monitor test passes", Generous);

        var frozen = sshd.SessionPids();
        Assert.NotEmpty(frozen);
        try
        {
            foreach (var pid in frozen) NativeSignals.Send(pid, SIGSTOP);
            await Eventually.WaitUntilAsync(() => keeper.Logged("port down, restarting ssh"), "the frozen session is detected", Generous);
            await Eventually.WaitUntilAsync(() => keeper.ChildPids().Count >= 2, "a new ssh is started", Generous);
        }
        finally
        {
            foreach (var pid in frozen)
            {
                NativeSignals.Send(pid, SIGCONT);
                NativeSignals.Send(pid, SIGKILL);
            }
        }

        // The -L target lives in the server's namespace, so the proof that the new ssh works is
        // autossh's own: a monitor test passes again after the restart.
        await Eventually.WaitUntilAsync(
            () => keeper.LogLines().SkipWhile(l => !l.Contains("port down", StringComparison.Ordinal)).Any(l => l.EndsWith("connection ok", StringComparison.Ordinal)),
            "a monitor test passes through the new ssh", Generous);
    }

    private static bool ProcessExists(int pid) => Directory.Exists($"/proc/{pid}") && !IsZombie(pid);

    private static bool IsZombie(int pid)
    {
        try { return File.ReadAllText($"/proc/{pid}/stat").Split(") ")[1].StartsWith('Z'); }
        catch (IOException) { return false; }
    }
}
