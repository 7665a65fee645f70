using System.Runtime.InteropServices;

namespace SshKeep.Ssh;

/// <summary>Starts ssh with posix_spawnp and watches it through a shared <see cref="ChildReaper"/>.</summary>
public sealed class PosixSshLauncher(ChildReaper reaper, TimeProvider timeProvider) : ISshLauncher
{
    public ISshProcess Start(SshStartInfo startInfo)
    {
        ArgumentNullException.ThrowIfNull(startInfo);
        var request = new SpawnRequest(
            startInfo.Program,
            [startInfo.Program, .. startInfo.Arguments],
            PosixSpawn.EnvironmentWith(startInfo.EnvironmentOverrides, startInfo.ClearEnvironment))
        {
            SearchPath = true,
            NewProcessGroup = startInfo.NewProcessGroup,
        };

        StderrLineReader? stderr = null;
        int writeFd = -1;
        int pid, error;
        try
        {
            if (startInfo.CaptureStandardError)
            {
                // The reader exists before the child, so nothing can fail between spawning ssh and
                // reading its stderr (a child with nobody reading would die of SIGPIPE on its first line).
                (int readFd, writeFd) = LibC.PipeCloseOnExec();
                stderr = new StderrLineReader(readFd);
                request = request with { StandardErrorFd = writeFd };
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
            // The child has its own copy as fd 2; ours would keep the pipe from ever reaching EOF.
            if (writeFd >= 0) LibC.close(writeFd);
        }

        if (error != 0)
        {
            stderr?.Dispose();
            // The message autossh logs for a failed exec: "<path>: <reason>" (R60).
            throw new SshStartException(startInfo.Program, LibC.StrError(error), error);
        }
        return new PosixSshProcess(reaper.Track(pid), startInfo.NewProcessGroup, stderr, timeProvider);
    }
}
