using System.Globalization;
using SshKeep.Config;
using SshKeep.Demo;
using SshKeep.Hooks;
using SshKeep.Native;
using SshKeep.Ssh;
using SshKeep.Tests.Fakes;
using SshKeep.Tests.Integration.Infrastructure;

namespace SshKeep.Tests.Hooks;

/// <summary>
/// The hook runner with real tiny scripts (tier 3 of the runner alone): environment, no shell,
/// output, exit statuses, the timeout kill of the whole process group, ordering and the bounded
/// queue. Waits are on conditions with generous deadlines; no timing is asserted.
/// </summary>
public sealed class HookRunnerTests : IAsyncLifetime
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    private readonly string _directory = Directory.CreateTempSubdirectory("sshkeep-hooks-").FullName;
    private readonly ChildReaper _reaper = new();
    private readonly RecordingLogger _log = new();
    private readonly HookRunner _runner;

    public HookRunnerTests() => _runner = new HookRunner(_reaper, _log, TimeProvider.System);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _runner.DisposeAsync();
        _reaper.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task A_hook_gets_the_sshkeep_variables_and_its_arguments_exactly_as_written()
    {
        var script = Script("env.sh", "env | grep '^SSHKEEP_' | sort > \"$1\"\nprintf '%s\\n' \"$2\" > \"$1.arg\"");
        var envFile = Path.Combine(_directory, "env.txt");

        _runner.Enqueue(Invocation(HookCommand.Direct([script, envFile, "two words $HOME; `x`"]), Variables("up")));

        await Eventually.WaitUntilAsync(() => File.Exists(envFile + ".arg") && Finished(1), "the hook to finish", Generous);
        var lines = await File.ReadAllLinesAsync(envFile);
        Assert.Contains("SSHKEEP_TUNNEL=db", lines);
        Assert.Contains("SSHKEEP_EVENT=up", lines);
        Assert.Contains("SSHKEEP_STATE=up", lines);
        Assert.Contains("SSHKEEP_RESTARTS=2", lines);
        Assert.Equal("two words $HOME; `x`\n", await File.ReadAllTextAsync(envFile + ".arg"));
        Assert.Contains(_log.Entries, e => e.EventId == 1403 && e.Message.Contains("up hook", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_shell_hook_runs_with_bin_sh_and_sees_the_variables()
    {
        var file = Path.Combine(_directory, "shell.txt");

        _runner.Enqueue(Invocation(HookCommand.Shell($"echo \"$SSHKEEP_TUNNEL went $SSHKEEP_EVENT\" | tr a-z A-Z > '{file}'"), Variables("down")));

        await Eventually.WaitUntilAsync(() => Finished(1), "the hook to finish", Generous);
        Assert.Equal("DB WENT DOWN\n", await File.ReadAllTextAsync(file));
    }

    [Fact]
    public async Task A_hanging_hook_is_killed_with_its_children_after_the_timeout_and_the_next_hook_still_runs()
    {
        var pids = Path.Combine(_directory, "pids");
        var hang = Script("hang.sh", $"sleep 600 &\necho \"$$ $!\" > '{pids}'\nwait");
        var after = Path.Combine(_directory, "after");

        _runner.Enqueue(Invocation(HookCommand.Direct([hang]), Variables("down"), timeout: 0.5));
        _runner.Enqueue(Invocation(HookCommand.Shell($"echo ran > '{after}'"), Variables("up")));

        await Eventually.WaitUntilAsync(() => File.Exists(after) && Finished(2), "the second hook to run", Generous);
        Assert.Contains(_log.Entries, e => e.EventId == 1405 && e.Message.Contains("down hook", StringComparison.Ordinal));
        Assert.Contains(_log.Entries, e => e.EventId == 1404 && e.Message.Contains("signal 15", StringComparison.Ordinal));
        var both = (await File.ReadAllTextAsync(pids)).Split(' ', StringSplitOptions.TrimEntries).Select(p => int.Parse(p, CultureInfo.InvariantCulture));
        await Eventually.WaitUntilAsync(() => both.All(pid => ProcessTable.Identify(pid) is null), "the hook and its sleep to be gone", Generous);
    }

    [Fact]
    public async Task A_hook_that_ignores_sigterm_gets_sigkill()
    {
        var started = Path.Combine(_directory, "started");
        var stubborn = Script("stubborn.sh", $"trap '' TERM\ntouch '{started}'\nwhile :; do sleep 0.1; done");

        _runner.Enqueue(Invocation(HookCommand.Direct([stubborn]), Variables("down"), timeout: 0.5));

        await Eventually.WaitUntilAsync(() => Finished(1), "the hook to be killed", Generous);
        Assert.True(File.Exists(started));
        Assert.Contains(_log.Entries, e => e.EventId == 1404 && e.Message.Contains("signal 9", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_timed_out_hook_leaves_no_process_of_its_group_even_when_its_leader_exits_at_once()
    {
        // The leader (sleep 113) dies of the SIGTERM at once; its background child ignores SIGTERM
        // and, once orphaned, is no child of ours: only the group reaches it (docs/security.md).
        _runner.Enqueue(Invocation(HookCommand.Shell("(trap '' TERM; exec sleep 103) & exec sleep 113"), Variables("down"), timeout: 1));

        await Eventually.WaitUntilAsync(() => _log.Entries.Any(e => e.EventId == 1400), "the hook to start", Generous);
        var pgid = HookPid();
        try
        {
            await Eventually.WaitUntilAsync(() => Finished(1), "the hook to be killed", Generous);
            Assert.Contains(_log.Entries, e => e.EventId == 1405);

            await Eventually.WaitUntilAsync(() => Task.FromResult(ProcessGroup.LiveMembers(pgid).Count == 0),
                () => $"no process of the hook's group {pgid} to be left; still there: {string.Join(", ", ProcessGroup.LiveMembers(pgid))}", Generous);
        }
        finally
        {
            foreach (var pid in ProcessGroup.LiveMembers(pgid)) LibC.kill(pid, 9);
        }
    }

    [Fact]
    public async Task A_background_job_of_a_hook_that_exited_is_ended_at_the_timeout()
    {
        var pids = Path.Combine(_directory, "pids");
        var leaves = Script("leaves.sh", $"(trap '' TERM HUP; exec sleep 600) &\necho $! > '{pids}'\nexit 0");

        _runner.Enqueue(Invocation(HookCommand.Direct([leaves]), Variables("up"), timeout: 1));

        await Eventually.WaitUntilAsync(() => Finished(1) && File.Exists(pids), "the hook to finish", Generous);
        var background = int.Parse((await File.ReadAllTextAsync(pids)).Trim(), CultureInfo.InvariantCulture);
        try
        {
            Assert.Contains(_log.Entries, e => e.EventId == 1405);
            await Eventually.WaitUntilAsync(() => ProcessTable.Identify(background) is null, "the background job to be gone", Generous);
        }
        finally
        {
            if (ProcessTable.Identify(background) is not null) LibC.kill(background, 9);
        }
    }

    [Fact]
    public async Task A_failing_hook_is_a_warning_with_its_status_and_its_output_is_logged()
    {
        _runner.Enqueue(Invocation(HookCommand.Shell("echo to stdout; echo to stderr >&2; exit 3"), Variables("needs-attention")));

        await Eventually.WaitUntilAsync(() => Finished(1), "the hook to finish", Generous);
        var failed = Assert.Single(_log.Entries, e => e.EventId == 1404);
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Warning, failed.Level);
        Assert.Contains("needs-attention hook sh -c \"echo to stdout; echo to stderr >&2; exit 3\" failed: status 3", failed.Message, StringComparison.Ordinal);
        Assert.Equal(["needs-attention hook says: to stdout", "needs-attention hook says: to stderr"],
            _log.Entries.Where(e => e.EventId == 1401).Select(e => e.Message));
    }

    [Fact]
    public async Task Long_output_is_cut_to_the_first_lines_each_cut_to_a_length()
    {
        _runner.Enqueue(Invocation(HookCommand.Shell("i=0; while [ $i -lt 25 ]; do printf '%0400d\\n' $i; i=$((i+1)); done"), Variables("up")));

        await Eventually.WaitUntilAsync(() => Finished(1), "the hook to finish", Generous);
        var lines = _log.Entries.Where(e => e.EventId == 1401).ToList();
        Assert.Equal(HookRunner.MaxOutputLines, lines.Count);
        Assert.All(lines, l => Assert.EndsWith("…", l.Message, StringComparison.Ordinal));
        Assert.Contains(_log.Entries, e => e.EventId == 1402 && e.Message.Contains("5 more lines", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_program_that_disappeared_is_logged_and_the_queue_goes_on()
    {
        var after = Path.Combine(_directory, "after");

        _runner.Enqueue(Invocation(HookCommand.Direct([Path.Combine(_directory, "gone")]), Variables("up")));
        _runner.Enqueue(Invocation(HookCommand.Shell($"echo ran > '{after}'"), Variables("down")));

        await Eventually.WaitUntilAsync(() => File.Exists(after) && Finished(1), "the second hook to run", Generous);
        Assert.Contains(_log.Entries, e => e.EventId == 1406 && e.Message.Contains("No such file", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_full_queue_drops_its_oldest_waiting_hook_and_runs_the_rest_in_order()
    {
        var running = Path.Combine(_directory, "running");
        var release = Path.Combine(_directory, "release");
        var order = Path.Combine(_directory, "order");
        _runner.Enqueue(Invocation(HookCommand.Shell($"touch '{running}'; while [ ! -e '{release}' ]; do sleep 0.05; done"), Variables("down"), timeout: 60));
        await Eventually.WaitUntilAsync(() => File.Exists(running), "the first hook to be running", Generous);

        for (var i = 1; i <= HookRunner.QueueCapacity + 1; i++)
        {
            _runner.Enqueue(Invocation(HookCommand.Shell($"echo {i} >> '{order}'"), Variables("up")));
        }

        await File.WriteAllTextAsync(release, "");
        await Eventually.WaitUntilAsync(() => Finished(HookRunner.QueueCapacity + 1), "the queue to drain", Generous);
        Assert.Equal(Enumerable.Range(2, HookRunner.QueueCapacity).Select(i => i.ToString(CultureInfo.InvariantCulture)), await File.ReadAllLinesAsync(order));
        Assert.Single(_log.Entries, e => e.EventId == 1407);
    }

    [Fact]
    public async Task Hooks_of_different_tunnels_do_not_wait_for_each_other()
    {
        var other = Path.Combine(_directory, "other");
        _runner.Enqueue(Invocation(HookCommand.Direct(["sleep", "600"]), Variables("down"), timeout: 60));

        _runner.Enqueue(Invocation(HookCommand.Shell($"echo ran > '{other}'"), Variables("up")) with { Tunnel = "web" });

        await Eventually.WaitUntilAsync(() => File.Exists(other), "the other tunnel's hook to run", Generous);
    }

    [Fact]
    public async Task Stopping_lets_queued_hooks_run_for_the_drain_then_kills_the_rest()
    {
        var done = Path.Combine(_directory, "done");
        _runner.Enqueue(Invocation(HookCommand.Shell($"echo ran > '{done}'"), Variables("down")) with { Tunnel = "web" });
        _runner.Enqueue(Invocation(HookCommand.Direct(["sleep", "600"]), Variables("down"), timeout: 600));
        _runner.Enqueue(Invocation(HookCommand.Shell("echo never"), Variables("down")));

        await _runner.StopAsync(TimeSpan.FromSeconds(2)).Within("the runner to stop", Generous);

        Assert.True(File.Exists(done));
        Assert.Contains(_log.Entries, e => e.EventId == 1408);
        Assert.Contains(_log.Entries, e => e.EventId == 1409);
        _runner.Enqueue(Invocation(HookCommand.Shell("echo late"), Variables("up")));
        Assert.DoesNotContain(_log.Entries, e => e.Message.Contains("late", StringComparison.Ordinal));
    }

    /// <summary>The pid (and process group) of the first hook started, from its log line.</summary>
    private int HookPid()
    {
        var line = _log.Entries.First(e => e.EventId == 1400).Message;
        var at = line.IndexOf("(pid ", StringComparison.Ordinal) + 5;
        return int.Parse(line[at..line.IndexOf(')', at)], CultureInfo.InvariantCulture);
    }

    /// <summary>True once <paramref name="count"/> hooks have ended (succeeded, failed or could not start).</summary>
    private bool Finished(int count) => _log.Entries.Count(e => e.EventId is 1403 or 1404 or 1406) >= count;

    private string Script(string name, string body)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    private static HookInvocation Invocation(HookCommand command, IReadOnlyDictionary<string, string> environment, double timeout = 10) =>
        new("db", Enum.Parse<HookEvent>(environment["SSHKEEP_EVENT"].Replace("-", "", StringComparison.Ordinal), ignoreCase: true),
            command, environment, TimeSpan.FromSeconds(timeout));

    private static Dictionary<string, string> Variables(string hookEvent) => new()
    {
        ["SSHKEEP_TUNNEL"] = "db",
        ["SSHKEEP_EVENT"] = hookEvent,
        ["SSHKEEP_STATE"] = hookEvent == "down" ? "backoff" : hookEvent,
        ["SSHKEEP_RESTARTS"] = "2",
    };
}
