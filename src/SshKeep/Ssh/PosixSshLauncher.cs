using System.Runtime.InteropServices;

namespace SshKeep.Ssh;

/// <summary>Starts ssh with posix_spawnp and watches it through a shared <see cref="ChildReaper"/>.</summary>
public sealed class PosixSshLauncher(ChildReaper reaper, TimeProvider timeProvider) : ISshLauncher
{
    public ISshProcess Start(SshStartInfo startInfo)
    {
        ArgumentNullException.ThrowIfNull(startInfo);
        var argv = new List<string>(startInfo.Arguments.Count + 1) { startInfo.Program };
        argv.AddRange(startInfo.Arguments);
        var request = new SpawnRequest(startInfo.Program, argv, PosixSpawn.CurrentEnvironmentWith(startInfo.EnvironmentOverrides))
        {
            SearchPath = true,
            NewProcessGroup = startInfo.NewProcessGroup,
        };

        int readFd = -1, writeFd = -1;
        if (startInfo.CaptureStandardError) (readFd, writeFd) = CreatePipe();

        int pid, error;
        try
        {
            PosixSpawn.TrySpawn(request with { StandardErrorFd = startInfo.CaptureStandardError ? writeFd : null }, out pid, out error);
        }
        catch
        {
            CloseIfOpen(readFd);
            throw;
        }
        finally
        {
            // The child has its own copy as fd 2; ours would keep the pipe from ever reaching EOF.
            CloseIfOpen(writeFd);
        }
        if (error != 0)
        {
            CloseIfOpen(readFd);
            // The message autossh logs for a failed exec: "<path>: <reason>" (R60).
            throw new SshStartException(startInfo.Program, LibC.StrError(error), error);
        }

        // Track before anything that could throw, so the child is always reaped.
        var child = reaper.Track(pid);
        StderrLineReader? stderr = null;
        if (readFd >= 0)
        {
            try
            {
                stderr = new StderrLineReader(readFd);
            }
            catch (IOException)
            {
                // No reader: the read end is already closed, so ssh (SIGPIPE at its default action)
                // would die on its first line of stderr. Kill it now rather than hand out a tunnel
                // that dies later for a reason nobody can see; the reaper collects it.
                child.Signal(LibC.SIGKILL, startInfo.NewProcessGroup);
                throw;
            }
        }
        return new PosixSshProcess(child, startInfo.NewProcessGroup, stderr, timeProvider);
    }

    private static unsafe (int Read, int Write) CreatePipe()
    {
        // O_CLOEXEC on both ends, atomically: no other spawn running at the same moment may inherit them.
        int* fds = stackalloc int[2];
        if (LibC.pipe2(fds, LibC.O_CLOEXEC) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            throw new IOException($"pipe2: {LibC.StrError(errno)}");
        }
        return (fds[0], fds[1]);
    }

    private static void CloseIfOpen(int fd)
    {
        if (fd >= 0) LibC.close(fd);
    }
}
