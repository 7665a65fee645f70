using SshKeep.Demo;

namespace SshKeep.Tests.Integration.Infrastructure;

/// <summary>
/// A private PID and mount namespace (root only) for a test that runs programs which find
/// processes by name (<c>killall</c>, <c>pkill</c>): inside it they see only what the test
/// started, so a script's <c>killall -TERM autossh</c> cannot reach another test's autossh.
/// /var/log is a private tmpfs in it. Disposal ends its init, and with it, by the kernel's rule for
/// PID namespaces, every process inside.
/// </summary>
internal sealed class PidNamespace : IAsyncDisposable
{
    private readonly BackgroundProcess _unshare;

    private PidNamespace(BackgroundProcess unshare, int initPid, string pidNamespace)
    {
        _unshare = unshare;
        InitPid = initPid;
        Id = pidNamespace;
    }

    /// <summary>The namespace's init (pid 1 inside), as the rest of the machine numbers it.</summary>
    public int InitPid { get; }

    /// <summary>"pid:[inode]", as /proc/PID/ns/pid names it.</summary>
    public string Id { get; }

    public static async Task<PidNamespace> StartAsync()
    {
        // --kill-child: when unshare ends, its child (the namespace's init) gets SIGKILL. The init
        // is a bash that waits in a loop, so orphans that it adopts are reaped.
        var unshare = BackgroundProcess.Start("unshare",
        [
            "--pid", "--fork", "--mount-proc", "--kill-child", "--",
            "/bin/bash", "-c", "mount -t tmpfs tmpfs /var/log || exit 1; while :; do sleep 3600 & wait $!; done",
        ]);
        try
        {
            var init = await Eventually.WaitForAsync(
                () => ProcessTable.ChildrenOf(unshare.Pid) is [var child] && NamespaceOf(child.Pid) is { } ns
                      && ns != NamespaceOf(Environment.ProcessId) ? Tuple.Create(child.Pid, ns) : null,
                $"the namespace's init under unshare {unshare.Pid}");
            var ready = new PidNamespace(unshare, init.Item1, init.Item2);
            // /var/log is private once the init is past its mount, i.e. when /var/log's device differs.
            await Eventually.WaitUntilAsync(ready.VarLogIsPrivate, "a private /var/log in the namespace");
            return ready;
        }
        catch
        {
            await unshare.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs a program inside the namespace (its PID and mount namespace), to completion.</summary>
    public Task<ProcessResult> RunAsync(string fileName, IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string?>? environment = null) =>
        Run.ProgramAsync("nsenter",
            ["--target", InitPid.ToString(System.Globalization.CultureInfo.InvariantCulture), "--pid", "--mount", "--", fileName, .. arguments],
            environment: environment);

    /// <summary>The live processes inside, with their executable and process-table name (comm),
    /// numbered as outside.</summary>
    public IReadOnlyList<(int Pid, string Executable, string Name)> Processes()
    {
        var found = new List<(int, string, string)>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pid)) continue;
            // A zombie has no executable any more: it is not counted.
            if (NamespaceOf(pid) != Id || ProcessTable.ExecutableOf(pid) is not { } exe) continue;
            try
            {
                found.Add((pid, exe, File.ReadAllText($"/proc/{pid}/comm").TrimEnd('\n')));
            }
            catch (IOException)
            {
                // ended between the listing and the read
            }
        }
        return found;
    }

    public async ValueTask DisposeAsync() => await _unshare.DisposeAsync();

    private Task<bool> VarLogIsPrivate()
    {
        try
        {
            return Task.FromResult(File.ReadAllText($"/proc/{InitPid}/mountinfo").Contains(" /var/log ", StringComparison.Ordinal));
        }
        catch (IOException)
        {
            return Task.FromResult(false);
        }
    }

    private static string? NamespaceOf(int pid) => ProcessTable.NamespaceOf(pid, "pid");
}
