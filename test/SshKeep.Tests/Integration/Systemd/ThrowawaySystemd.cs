using System.Globalization;
using System.Text;
using SshKeep.Demo;
using SshKeep.Native;
using SshKeep.Tests.Integration.Infrastructure;

namespace SshKeep.Tests.Integration.Systemd;

/// <summary>
/// A throwaway machine with a real systemd as its PID 1, for the real-systemd test tier
/// (docs/testing.md "The real-systemd tier"). <see cref="BootAsync"/> runs
/// <c>throwaway-systemd-boot.sh</c> under <c>unshare --pid --fork --mount --net --uts --cgroup</c>:
/// an overlay of / (its writable layer on a tmpfs inside the namespaces) becomes the machine's root,
/// with fresh /run, /tmp, /proc and sysfs, a minimal /dev, only <c>lo</c> (up), the host name
/// <see cref="HostName"/> and a cgroup of its own under the test's. The script refuses to exec
/// systemd unless / is that overlay: systemd booted on the real root would empty the real /tmp.
/// Commands run inside with <c>nsenter --all</c> (<see cref="ExecAsync"/>); files are written
/// through <c>/proc/PID/root</c> (<see cref="PathInside"/>). Disposal SIGKILLs PID 1, which ends
/// every process of the machine (the kernel's rule for PID namespaces); its mounts go with its
/// mount namespace, then the cgroup and the temp folder are removed.
/// </summary>
internal sealed class ThrowawaySystemd : IAsyncDisposable
{
    /// <summary>The machine's host name (its own UTS namespace and /etc/hostname).</summary>
    public const string HostName = "sshkeep-machine";

    /// <summary>How long a boot may take before the test fails with what systemd says. Booting to
    /// <c>running</c> takes 1–4 s on the CI machine; this is generous for a loaded one.</summary>
    public static readonly TimeSpan BootDeadline = TimeSpan.FromSeconds(60);

    /// <summary>The environment of every command run inside: nothing of the test process's own.</summary>
    private static readonly string[] CleanEnvironment =
    [
        "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        "HOME=/root",
        "LANG=C.UTF-8",
        "SYSTEMD_COLORS=0",
        "SYSTEMD_PAGER=",
    ];

    private readonly BackgroundProcess _unshare;
    private readonly string _temp;
    private readonly string _cgroup;
    private ProcessIdentity? _init;

    private ThrowawaySystemd(BackgroundProcess unshare, string temp, string cgroup)
    {
        _unshare = unshare;
        _temp = temp;
        _cgroup = cgroup;
    }

    /// <summary>systemd, PID 1 of the machine, as the host numbers it.</summary>
    public int Pid => _init?.Pid ?? throw new InvalidOperationException("the machine has no PID 1 yet");

    /// <summary>From starting unshare to <c>systemctl is-system-running</c> saying running or degraded.</summary>
    public TimeSpan BootTime { get; private set; }

    /// <summary>What <c>systemctl is-system-running</c> said when the boot was over: running or degraded.</summary>
    public string BootState { get; private set; } = "";

    /// <summary>The host's path to a file inside the machine (through /proc/PID/root): for reading
    /// and writing the machine's files from the test.</summary>
    public string PathInside(string machinePath) =>
        Path.IsPathRooted(machinePath) ? $"/proc/{Pid}/root{machinePath}" : throw new ArgumentException($"not an absolute path: {machinePath}", nameof(machinePath));

    /// <summary>Boots a machine and returns once systemd says running (or degraded: see
    /// <see cref="BootState"/>); fails with systemd's own account (state, failed units, jobs, its
    /// output) when it does not within <see cref="BootDeadline"/>.</summary>
    public static async Task<ThrowawaySystemd> BootAsync()
    {
        if (Requirements.WhyNot(Needs.Systemd) is { } why) throw new InvalidOperationException($"cannot boot a throwaway systemd: {why}");
        string cgroupMount = CgroupTwoMount() ?? throw new InvalidOperationException("no cgroup2 file system is mounted");
        string temp = Directory.CreateTempSubdirectory("sshkeep-machine-").FullName;
        string tag = Path.GetFileName(temp);
        string cgroup = Path.Combine(cgroupMount, tag);
        Directory.CreateDirectory(cgroup);
        long started = TimeProvider.System.GetTimestamp();
        // The shell moves itself into the machine's cgroup first, so that the cgroup namespace
        // unshare makes is rooted there. --kill-child: if unshare dies, so does the machine.
        var unshare = BackgroundProcess.Start("/bin/sh",
        [
            "-c", "echo $$ >\"$1/cgroup.procs\" && shift && exec unshare --pid --fork --mount --net --uts --cgroup --kill-child -- /bin/sh \"$@\"",
            "sh", cgroup, BootScript, temp, tag,
        ]);
        var machine = new ThrowawaySystemd(unshare, temp, cgroup);
        try
        {
            string? hostPidNamespace = ProcessTable.NamespaceOf(Environment.ProcessId, "pid");
            await Eventually.WaitUntilAsync(() =>
            {
                if (ProcessTable.ChildrenOf(unshare.Pid) is [var child] && ProcessTable.NamespaceOf(child.Pid, "pid") is { } ns && ns != hostPidNamespace)
                {
                    machine._init = child;
                }
                return machine._init is not null || unshare.HasExited;
            }, "the machine's PID 1 under unshare", BootDeadline);
            if (unshare.HasExited) throw new InvalidOperationException($"the machine did not start: {machine.BootOutput()}");

            string state = "";
            try
            {
                await Eventually.WaitUntilAsync(async () =>
                {
                    if (unshare.HasExited) return true;
                    state = (await machine.SystemctlAsync("is-system-running")).StandardOutput.Trim();
                    return state is "running" or "degraded";
                }, () => "the throwaway systemd to boot", BootDeadline);
            }
            catch (TimeoutException e)
            {
                throw new TimeoutException($"{e.Message}: {await machine.DescribeAsync()}", e);
            }
            if (unshare.HasExited) throw new InvalidOperationException($"the machine's systemd exited: {machine.BootOutput()}");
            machine.BootTime = TimeProvider.System.GetElapsedTime(started);
            machine.BootState = state;
            return machine;
        }
        catch
        {
            await machine.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs a command inside the machine (all its namespaces, its root, a clean
    /// environment), to completion within <paramref name="deadline"/> (60 s by default).</summary>
    public Task<ProcessResult> ExecAsync(IEnumerable<string> command, TimeSpan? deadline = null, string? standardInput = null) =>
        Run.ProgramAsync("nsenter",
            ["--target", Pid.ToString(CultureInfo.InvariantCulture), "--all", "--", "/usr/bin/env", "-i", .. CleanEnvironment, .. command],
            deadline, standardInput: standardInput);

    /// <summary>As <see cref="ExecAsync"/>, failing the test with the output unless it exits 0.</summary>
    public async Task<ProcessResult> ExecSuccessfullyAsync(params string[] command) => (await ExecAsync(command)).EnsureSuccess();

    public Task<ProcessResult> SystemctlAsync(params string[] arguments) => ExecAsync(["systemctl", "--no-pager", .. arguments]);

    public Task<ProcessResult> JournalctlAsync(params string[] arguments) => ExecAsync(["journalctl", "--no-pager", .. arguments]);

    /// <summary>Writes a file inside the machine (creating its folders), owned by root.</summary>
    public async Task WriteFileAsync(string machinePath, string content, UnixFileMode mode = (UnixFileMode)0x1A4 /* 0644 */)
    {
        string path = PathInside(machinePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, content);
        File.SetUnixFileMode(path, mode);
    }

    /// <summary>Copies a host file into the machine, keeping its mode; folders are made as needed.</summary>
    public void CopyInto(string hostPath, string machinePath)
    {
        string path = PathInside(machinePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Copy(hostPath, path, overwrite: true);
        File.SetUnixFileMode(path, File.GetUnixFileMode(hostPath));
    }

    /// <summary>systemd's account of the machine, for a failure message: its state, the failed
    /// units, the jobs still queued and what the boot printed.</summary>
    public async Task<string> DescribeAsync()
    {
        var text = new StringBuilder();
        if (_init is not null && !_unshare.HasExited)
        {
            text.Append("is-system-running: ").AppendLine((await SystemctlAsync("is-system-running")).StandardOutput.Trim());
            text.AppendLine("failed units:").AppendLine((await SystemctlAsync("--failed", "--no-legend")).StandardOutput.TrimEnd());
            text.AppendLine("jobs:").AppendLine((await SystemctlAsync("list-jobs", "--no-legend")).StandardOutput.TrimEnd());
        }
        text.Append(BootOutput());
        return text.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            // SIGKILL to PID 1 ends the whole PID namespace; its mounts die with the mount namespace.
            if (_init is { Pid: > 0 } init) NativeSignals.Send(init, SignalNumbers.SIGKILL);
            await _unshare.DisposeAsync();
        }
        finally
        {
            try
            {
                await RemoveCgroupAsync();
            }
            finally
            {
                // The tmpfs was mounted in the machine's mount namespace only: here the folder is empty.
                if (Directory.Exists(_temp)) Directory.Delete(_temp, recursive: true);
            }
        }
    }

    /// <summary>The boot script, copied next to the tests.</summary>
    internal static string BootScript => Path.Combine(AppContext.BaseDirectory, "Integration", "Systemd", "throwaway-systemd-boot.sh");

    /// <summary>Where cgroup2 is mounted (/sys/fs/cgroup, or /sys/fs/cgroup/unified on a hybrid host), or null.</summary>
    internal static string? CgroupTwoMount()
    {
        // mountinfo: ID PARENT MAJ:MIN ROOT MOUNTPOINT OPTIONS [OPTIONAL…] - FSTYPE SOURCE SUPEROPTIONS
        foreach (var line in File.ReadLines("/proc/self/mountinfo"))
        {
            var fields = line.Split(' ');
            int separator = Array.IndexOf(fields, "-");
            if (separator > 4 && separator + 1 < fields.Length && fields[separator + 1] == "cgroup2" && fields[3] == "/") return fields[4];
        }
        return null;
    }

    private string BootOutput() => $"boot output:\n{_unshare.StandardOutput}{_unshare.StandardError}";

    /// <summary>Removes the machine's cgroup tree, deepest first, once the kernel has emptied it.</summary>
    private async Task RemoveCgroupAsync()
    {
        if (!Directory.Exists(_cgroup)) return;
        await Eventually.WaitUntilAsync(() =>
        {
            foreach (var directory in Directory.EnumerateDirectories(_cgroup, "*", SearchOption.AllDirectories).OrderByDescending(d => d.Length))
            {
                TryRemove(directory);
            }
            TryRemove(_cgroup);
            return !Directory.Exists(_cgroup);
        }, $"the machine's cgroup {_cgroup} to empty", TimeSpan.FromSeconds(30));

        static void TryRemove(string directory)
        {
            try
            {
                Directory.Delete(directory); // rmdir(2): a cgroup is removed empty, its control files with it
            }
            catch (IOException)
            {
                // still has processes or children; the next round
            }
        }
    }
}
