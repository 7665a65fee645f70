using System.Globalization;
using SshKeep.Demo;
using SshKeep.Tests.Integration;
using SshKeep.Tests.Integration.Infrastructure;

namespace SshKeep.Tests.Security;

/// <summary>
/// A tunnels file of hundreds of thousands of small mistakes, reloaded again and again into the
/// real daemon: the errors past the first hundred are counted, not collected, so the daemon's
/// memory stays where it was (docs/security.md). A bound on behaviour, not on time: the old code
/// grew by hundreds of megabytes.
/// </summary>
public sealed class ReloadMemoryTests
{
    private const long Megabyte = 1024 * 1024;

    [Fact]
    public async Task Reloading_a_file_of_hundreds_of_thousands_of_mistakes_keeps_the_daemons_memory_flat()
    {
        await using var daemon = DaemonUnderTest.Start("""
            tunnels:
              db:
                destination: user@127.0.0.1
                enabled: false
                forwards: [ { local: "127.0.0.1:1:127.0.0.1:9" } ]
            """);
        await daemon.AnsweringAsync();
        var start = ResidentBytes(daemon.Pid);

        // Two bytes a mistake: about 700 KB and 350,000 errors, under the 1 MiB the loader reads.
        await File.WriteAllTextAsync(daemon.ConfigPath,
            "tunnels:\n  db:\n    destination: u@h\n    forwards: [" + string.Join(',', Enumerable.Repeat("x", 350_000)) + "]\n");
        var answers = new List<ProcessResult>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add(await Run.ProgramAsync(SshkeepUnderTest.BinaryPath,
                ["reload", "-c", daemon.ConfigPath, "--run-dir", daemon.RunDirectory], TimeSpan.FromSeconds(300)));
        }

        var after = ResidentBytes(daemon.Pid);
        Assert.True(after < start + (100 * Megabyte),
            $"the daemon's resident memory went from {start / Megabyte} MB to {after / Megabyte} MB over 4 bad reloads");
        Assert.All(answers, reload =>
        {
            Assert.Equal(1, reload.ExitCode);
            Assert.Contains("more errors (only the first 100 are shown)", reload.StandardOutput + reload.StandardError, StringComparison.Ordinal);
        });
        Assert.Single(await daemon.TunnelsAsync());
    }

    /// <summary>VmRSS of /proc/PID/status, in bytes.</summary>
    private static long ResidentBytes(int pid)
    {
        var line = File.ReadAllLines($"/proc/{pid}/status").Single(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }
}
