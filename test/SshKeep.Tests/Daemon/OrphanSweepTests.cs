using SshKeep.Daemon;
using SshKeep.Native;
using SshKeep.Tests.Fakes;
using SshKeep.Tests.Integration.Infrastructure;

namespace SshKeep.Tests.Daemon;

/// <summary>
/// <see cref="OrphanSweep"/> against real processes: each marked with an instance path of this
/// test alone, standing in for ssh by program name ("sleep"), so nothing else can match.
/// </summary>
public sealed class OrphanSweepTests
{
    [Fact]
    public async Task Marked_processes_are_ended_with_their_groups_even_when_they_ignore_sigterm_and_each_gets_one_line()
    {
        var instance = Path.Combine(Path.GetTempPath(), "sshkeep-orphan-test-" + Guid.NewGuid().ToString("N"), "lock-x");
        var started = new List<int>();
        try
        {
            var polite = Spawn(instance, "web", "exec sleep 300", started);
            var stubborn = Spawn(instance, "back", "trap '' TERM; exec sleep 301", started); // an ignored signal stays ignored across exec
            var unmarked = Spawn(Path.Combine(Path.GetTempPath(), "another-instance", "lock-x"), "db", "exec sleep 302", started);
            foreach (var pid in started)
            {
                await Eventually.WaitUntilAsync(() => Task.FromResult(File.ReadAllText($"/proc/{pid}/cmdline").StartsWith("sleep", StringComparison.Ordinal)),
                    $"pid {pid} to exec sleep", TimeSpan.FromSeconds(30));
            }
            var log = new RecordingLogger();

            var found = await OrphanSweep.RunAsync(instance, ["/bin/sleep"], TimeSpan.FromSeconds(1), TimeProvider.System, log, CancellationToken.None);

            Assert.Equal(2, found);
            Assert.False(ProcessGroup.HasLiveMembers(polite));
            Assert.False(ProcessGroup.HasLiveMembers(stubborn));
            Assert.True(ProcessGroup.HasLiveMembers(unmarked), "the process of another instance was ended");
            Assert.Equal(2, log.EventIds.Count(id => id == 1155));
            Assert.Contains(log.Texts, t => t.Contains($"pid {polite},", StringComparison.Ordinal));
            Assert.Contains(log.Texts, t => t.Contains($"pid {stubborn},", StringComparison.Ordinal));
        }
        finally
        {
            foreach (var pid in started)
            {
                LibC.kill(-pid, SignalNumbers.SIGKILL); // each leads the group it was started in
                Reap(pid);
            }
        }
    }

    /// <summary>A shell in a group of its own running <paramref name="script"/>, marked as the daemon marks ssh.</summary>
    private static int Spawn(string instance, string tunnel, string script, List<int> started)
    {
        var environment = PosixSpawn.EnvironmentWith(new Dictionary<string, string?>
        {
            ["PATH"] = "/usr/bin:/bin",
            [OrphanRule.InstanceVariable] = instance,
            [OrphanRule.TunnelVariable] = tunnel,
        }, clear: true);
        var request = new SpawnRequest("/bin/sh", ["sh", "-c", script], environment) { NewProcessGroup = true, StandardStreamsToDevNull = true };
        Assert.True(PosixSpawn.TrySpawn(request, out var pid, out var error), $"spawn failed: {error}");
        started.Add(pid);
        return pid;
    }

    private static unsafe void Reap(int pid)
    {
        int status;
        LibC.waitpid(pid, &status, 0);
    }
}
