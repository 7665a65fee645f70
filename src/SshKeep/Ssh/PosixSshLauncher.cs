using System.Net.Sockets;
using System.Runtime.InteropServices;
using SshKeep.Native;

namespace SshKeep.Ssh;

/// <summary>Starts ssh with posix_spawnp and watches it through a shared <see cref="ChildReaper"/>.</summary>
/// <param name="setprivPath">Start ssh through <c>setpriv --pdeathsig TERM --</c>, so the kernel ends it
/// when the daemon dies (docs/daemon.md, "Parent-death signal"), and on the one <see cref="SpawnerThread"/>,
/// the thread that signal is tied to; null starts ssh directly on the calling thread, as autossh does.</param>
/// <param name="pathVariable">The daemon's PATH, where ssh is looked up before it is started through setpriv.</param>
internal sealed class PosixSshLauncher(ChildReaper reaper, TimeProvider timeProvider, string? setprivPath = null, string? pathVariable = null)
    : ISshLauncher
{
    public ISshProcess Start(SshStartInfo startInfo)
    {
        ArgumentNullException.ThrowIfNull(startInfo);
        return setprivPath is not null ? SpawnerThread.Run(() => Spawn(startInfo)) : Spawn(startInfo);
    }

    private PosixSshProcess Spawn(SshStartInfo startInfo)
    {
        string? resolved = null;
        if (setprivPath is not null)
        {
            // posix_spawnp searches the PATH of the process that calls it (ours), so this does too;
            // a missing ssh_path stays an error of the start, not an exit 127 of setpriv.
            resolved = ProgramSearch.Find(startInfo.Program, pathVariable, out int searchError);
            if (resolved is null) throw new SshStartException(startInfo.Program, LibC.StrError(searchError), searchError);
        }
        var plan = SpawnPlan.For(startInfo.Program, startInfo.Arguments, setprivPath, resolved);
        var request = new SpawnRequest(
            plan.File,
            plan.Argv,
            PosixSpawn.EnvironmentWith(startInfo.EnvironmentOverrides, startInfo.ClearEnvironment))
        {
            SearchPath = plan.SearchPath,
            NewProcessGroup = startInfo.NewProcessGroup,
        };

        StderrSocketReader? stderr = null;
        int theirs = -1;
        int pid, error;
        try
        {
            if (startInfo.CaptureStandardError)
            {
                // The reader exists before the child, so nothing can fail between spawning ssh and
                // reading its stderr (a child with nobody reading would die of SIGPIPE on its first line).
                // A socketpair rather than a pipe: the runtime reads sockets without a thread of ours
                // (StderrSocketReader says why that matters with many tunnels).
                (var ours, theirs) = CreateSocketPair();
                try
                {
                    stderr = new StderrSocketReader(ours);
                }
                catch
                {
                    ours.Dispose();
                    throw;
                }
                request = request with { StandardErrorFd = theirs };
            }
            PosixSpawn.TrySpawn(request, out pid, out error);
        }
        catch
        {
            stderr?.Dispose();
            throw;
        }
        finally
        {
            // The child has its own copy as fd 2; ours would keep the socket from ever reaching EOF.
            if (theirs >= 0) LibC.close(theirs);
        }

        if (error != 0)
        {
            stderr?.Dispose();
            // The message autossh logs for a failed exec: "<path>: <reason>" (R60).
            throw new SshStartException(startInfo.Program, LibC.StrError(error), error);
        }
        // ssh in a group of its own is held as a zombie after its exit until disposed, so the group
        // (a ProxyCommand and its helpers) can still be ended safely after ssh itself is gone.
        return new PosixSshProcess(reaper.Track(pid, holdZombie: startInfo.NewProcessGroup), startInfo.NewProcessGroup, stderr, timeProvider);
    }

    private static unsafe (SafeSocketHandle Ours, int Theirs) CreateSocketPair()
    {
        // SOCK_CLOEXEC on both ends, atomically: no other spawn running at the same moment may inherit them.
        int* fds = stackalloc int[2];
        if (LibC.socketpair(LibC.AF_UNIX, LibC.SOCK_STREAM | LibC.SOCK_CLOEXEC, 0, fds) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            throw new IOException($"socketpair: {LibC.StrError(errno)}");
        }
        return (new SafeSocketHandle(fds[0], ownsHandle: true), fds[1]);
    }
}
