using System.Globalization;
using SshKeep.Demo;
using SshKeep.Native;
using SshKeep.Supervision;
using SshKeep.Tests.Fakes;
using SshKeep.Tests.Integration.Infrastructure;

namespace SshKeep.Tests.Security;

/// <summary>
/// A ProxyCommand (or a server through ssh) that writes stderr without end, and leaves a helper
/// that ignores SIGTERM and SIGHUP: the real daemon logs the flood only at the limit
/// (Supervision/StderrLogLimiter), and its stop ends ssh's whole process group, helper included
/// (docs/daemon.md, docs/security.md). Real ssh, real signals; no sshd is needed, since the
/// ProxyCommand never connects anywhere.
/// </summary>
public sealed class ProxyCommandFloodTests
{
    /// <summary>Lines the ProxyCommand writes as fast as it can before it goes on more slowly.</summary>
    private const int Flood = 50_000;

    [Fact]
    public async Task A_proxy_command_flooding_stderr_is_logged_at_the_limit_and_stop_ends_its_whole_group()
    {
        using var temp = new TempDirectory();
        var pgids = temp.File("pgids");
        var flooded = temp.File("flooded");
        var proxy = temp.File("proxy.sh");
        // Each run notes its process group (ssh's: field 5 of /proc/self/stat), starts a helper that
        // holds stderr and ignores SIGTERM and SIGHUP, floods stderr, and then writes on for ever.
        File.WriteAllText(proxy, $"""
            #!/bin/sh
            cut -d' ' -f5 /proc/$$/stat >> '{pgids}'
            (trap '' TERM HUP; exec sleep 600) &
            i=0
            while [ $i -lt {Flood} ]; do echo "flood line $i" >&2; i=$((i+1)); done
            touch '{flooded}'
            while :; do echo "flood goes on" >&2; sleep 0.01; done

            """);
        File.SetUnixFileMode(proxy, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var yaml = string.Create(CultureInfo.InvariantCulture, $$"""
            tunnels:
              flood:
                destination: nobody@flood.invalid
                health: { probe_interval: 0 }
                forwards: [ { local: "127.0.0.1:{{LoopbackPort.PickFree()}}:127.0.0.1:9" } ]
                ssh_options: { ProxyCommand: "{{proxy}}" }
            """);

        var daemon = DaemonUnderTest.Start(yaml);
        try
        {
            await Eventually.WaitUntilAsync(() => File.Exists(flooded) && (daemon.StandardError.Contains("lines of stderr dropped", StringComparison.Ordinal)
                    || FloodLinesLogged(daemon) >= Flood / 2),
                "the flood to be written and logged or counted", TimeSpan.FromSeconds(120));

            // A generous deadline for the stop, not a timing: the old code did not finish at all.
            daemon.Signal(SignalNumbers.SIGTERM);
            var stopped = await Task.WhenAny(daemon.Exited, Task.Delay(TimeSpan.FromSeconds(60)));

            var logged = FloodLinesLogged(daemon);
            var finished = stopped == daemon.Exited;
            var left = Leftovers(pgids);
            // All three at once, so a failure says everything that went wrong.
            Assert.True(logged <= StderrLogLimiter.Burst + 200 && finished && left.Count == 0,
                $"{logged} flood lines were logged; sshkeep {(finished ? "finished" : "did not finish")} within 60 s of SIGTERM; " +
                $"left of ssh's groups: [{string.Join(", ", left)}]");
        }
        finally
        {
            await daemon.DisposeAsync();
            foreach (var pid in Leftovers(pgids)) LibC.kill(pid, 9);
        }
    }

    private static int FloodLinesLogged(DaemonUnderTest daemon) =>
        daemon.StandardError.Split('\n').Count(l => l.Contains("ssh: flood", StringComparison.Ordinal));

    private static List<int> Leftovers(string pgids) =>
        File.Exists(pgids)
            ? [.. File.ReadAllLines(pgids).Where(l => l.Trim().Length > 0).SelectMany(l => ProcessGroup.LiveMembers(int.Parse(l.Trim(), CultureInfo.InvariantCulture)))]
            : [];
}
