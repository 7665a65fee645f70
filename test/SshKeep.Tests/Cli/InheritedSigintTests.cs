using System.Globalization;
using SshKeep.Demo;
using SshKeep.Native;
using SshKeep.Tests.Integration;
using SshKeep.Tests.Integration.Infrastructure;

namespace SshKeep.Tests.Cli;

/// <summary>
/// A script that starts a keeper with <c>&amp;</c> hands it SIGINT ignored. autossh installs its
/// SIGINT handler anyway and stops on SIGINT (the differential suite compares the two); so does
/// sshkeep, in compatibility mode and as a daemon (docs/compatibility.md and docs/daemon.md,
/// SIGINT). Real binary, real signal; the ignore is set by bash's <c>trap "" INT</c> before exec.
/// </summary>
public sealed class InheritedSigintTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sshkeep-sigint-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Compatibility_mode_started_with_SIGINT_ignored_stops_ssh_and_exits_1_on_SIGINT()
    {
        var log = Path.Combine(_directory, "autossh.log");
        // "ssh" is sleep: it runs until it is stopped, which is all this needs.
        await using var keeper = StartWithSigintIgnored(["-M", "0", "1000"],
            new() { ["AUTOSSH_PATH"] = "/bin/sleep", ["AUTOSSH_LOGFILE"] = log, ["AUTOSSH_GATETIME"] = "0" });
        await Eventually.WaitUntilAsync(() => File.Exists(log) && File.ReadAllText(log).Contains("ssh child pid is", StringComparison.Ordinal),
            "the keeper runs its ssh");
        var ssh = SshPid(File.ReadAllText(log));

        Assert.True(keeper.Signal(SignalNumbers.SIGINT));

        Assert.Equal(1, await keeper.Exited.Within("the keeper to exit on SIGINT"));
        Assert.Null(ProcessTable.Identify(ssh));
    }

    [Fact]
    public async Task The_daemon_started_with_SIGINT_ignored_stops_every_tunnel_and_exits_0_on_SIGINT()
    {
        var config = Path.Combine(_directory, "tunnels.yaml");
        // A server that does not answer: the tunnel just keeps retrying, which is all this needs.
        File.WriteAllText(config, string.Create(CultureInfo.InvariantCulture, $$"""
            tunnels:
              t:
                destination: 127.0.0.1
                port: {{LoopbackPort.PickFree()}}
                forwards: [ { local: "127.0.0.1:{{LoopbackPort.PickFree()}}:127.0.0.1:9" } ]
            """));
        await using var daemon = StartWithSigintIgnored(["up", "-c", config, "--run-dir", Path.Combine(_directory, "run")],
            new() { ["NOTIFY_SOCKET"] = null, ["WATCHDOG_USEC"] = null, ["JOURNAL_STREAM"] = null });
        // Its start-up line names the file; the signal handlers are in place by then.
        await Eventually.WaitUntilAsync(() => Task.FromResult(daemon.StandardError.Contains(config, StringComparison.Ordinal)),
            () => $"the daemon to start\n{daemon.StandardError}");

        Assert.True(daemon.Signal(SignalNumbers.SIGINT));

        Assert.Equal(0, await daemon.Exited.Within($"the daemon to exit on SIGINT\n{daemon.StandardError}"));
    }

    /// <summary>sshkeep ARGS, exec'd by a bash that set SIGINT to ignored first.</summary>
    private static BackgroundProcess StartWithSigintIgnored(string[] arguments, Dictionary<string, string?> environment)
    {
        return BackgroundProcess.Start("/bin/bash", ["-c", "trap '' INT; exec \"$0\" \"$@\"", SshkeepUnderTest.BinaryPath, .. arguments], environment);
    }

    private static int SshPid(string log) =>
        int.Parse(log.Split('\n').Last(l => l.Contains("ssh child pid is", StringComparison.Ordinal)).Split(' ')[^1], CultureInfo.InvariantCulture);
}
