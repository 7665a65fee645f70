using SshKeep.Native;

namespace SshKeep.Ssh;

/// <summary>Starts ssh with posix_spawnp and watches it through a shared <see cref="ChildReaper"/>.</summary>
/// <param name="setprivPath">Start ssh through setpriv, on the <see cref="SpawnerThread"/> (docs/daemon.md
/// "Parent-death signal"); null starts it directly on the calling thread, as autossh does.</param>
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
            // As posix_spawnp would: a missing ssh_path stays an error of the start, not an exit 127 of setpriv.
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
                (stderr, theirs) = StderrSocketReader.Open();
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
}
