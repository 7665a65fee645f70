using System.Runtime.InteropServices;
using System.Threading.Channels;
using SshKeep.Daemon;
using SshKeep.Ssh;

namespace SshKeep.Hooks;

/// <summary>
/// One running hook: spawned like ssh (posix_spawnp, no shell, every signal at its default) in a
/// process group of its own, so a timeout reaches whatever it started; stdin is /dev/null, stdout
/// and stderr share one pipe that sshkeep reads line by line; reaped through the daemon's shared
/// <see cref="ChildReaper"/>.
/// </summary>
internal sealed class HookProcess : IDisposable
{
    private readonly TrackedChild _child;
    private readonly StderrLineReader _output;

    private HookProcess(TrackedChild child, StderrLineReader output) => (_child, _output) = (child, output);

    public int Pid => _child.Pid;

    public Task<ChildExit> Exited => _child.Exited;

    /// <summary>Lines the hook wrote on stdout or stderr; completes at EOF (when every process
    /// holding the pipe is gone) or when this object is disposed.</summary>
    public ChannelReader<string> Output => _output.Lines;

    /// <summary>Starts the hook. Throws <see cref="SshStartException"/> when the program cannot be
    /// executed (it may have been removed since the file was loaded).</summary>
    public static HookProcess Start(HookInvocation invocation, ChildReaper reaper)
    {
        var overrides = new Dictionary<string, string?>(StringComparer.Ordinal);
        // The variables systemd meant for sshkeep are not the hook's (a hook that speaks sd_notify
        // would otherwise talk for the daemon), exactly as for ssh.
        foreach (var name in SystemdEnvironment.ChildVariablesToRemove) overrides[name] = null;
        foreach (var (name, value) in invocation.Environment) overrides[name] = value;

        var argv = invocation.Command.Argv;
        var (readFd, writeFd) = LibC.PipeCloseOnExec();
        StderrLineReader? output = null;
        int pid, error;
        try
        {
            // The reader exists before the child, so nothing can fail between spawning the hook and
            // reading its output: a hook with nobody reading would block on a full pipe.
            output = new StderrLineReader(readFd);
            readFd = -1;
            var request = new SpawnRequest(argv[0], argv, PosixSpawn.CurrentEnvironmentWith(overrides))
            {
                SearchPath = true,
                NewProcessGroup = true,
                StandardStreamsToDevNull = true,
                StandardOutputFd = writeFd,
                StandardErrorFd = writeFd,
            };
            PosixSpawn.TrySpawn(request, out pid, out error);
        }
        catch
        {
            output?.Dispose();
            if (readFd >= 0) LibC.close(readFd);
            throw;
        }
        finally
        {
            // The child has its own copies as fds 1 and 2; ours would keep the pipe from reaching EOF.
            LibC.close(writeFd);
        }

        if (error != 0)
        {
            output.Dispose();
            throw new SshStartException(argv[0], LibC.StrError(error), error);
        }

        return new HookProcess(reaper.Track(pid), output);
    }

    /// <summary>
    /// SIGTERM (and SIGCONT, so a stopped hook can act on it) to the hook's process group, then
    /// SIGKILL to the group if its leader is still there after <paramref name="grace"/>. Returns how
    /// the leader ended.
    /// </summary>
    public async Task<ChildExit> KillAsync(TimeSpan grace, TimeProvider time)
    {
        _child.Signal(LibC.SIGTERM, toGroup: true);
        _child.Signal(LibC.SIGCONT, toGroup: true);
        try
        {
            return await Exited.WaitAsync(grace, time).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Still there: SIGKILL cannot be caught.
        }

        _child.Signal(LibC.SIGKILL, toGroup: true);
        return await Exited.ConfigureAwait(false);
    }

    /// <summary>Stops reading the output (a background process the hook left behind may hold the
    /// pipe open for ever); lines already read stay readable.</summary>
    public void Dispose() => _output.Dispose();
}
