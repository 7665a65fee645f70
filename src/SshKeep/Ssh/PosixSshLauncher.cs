using SshKeep.Native;

namespace SshKeep.Ssh;

/// <param name="setprivPath">docs/daemon.md "Parent-death signal"; null starts ssh directly, as autossh does.</param>
/// <param name="pathVariable">The daemon's PATH, where ssh is looked up for setpriv.</param>
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
            // Not an exit 127 of setpriv (docs/daemon.md "Parent-death signal").
            resolved = ProgramSearch.Find(startInfo.Program, pathVariable, out int searchError);
            if (resolved is null) throw new SshStartException(startInfo.Program, LibC.StrError(searchError));
        }
        var plan = SpawnPlan.For(startInfo.Program, startInfo.Arguments, setprivPath, resolved);
        var environment = PosixSpawn.EnvironmentWith(startInfo.EnvironmentOverrides, startInfo.ClearEnvironment);
        var request = new SpawnRequest(plan.File, plan.Argv, environment)
        {
            SearchPath = plan.SearchPath, NewProcessGroup = startInfo.NewProcessGroup,
        };

        StderrSocketReader? stderr = null;
        int theirs = -1;
        int pid;
        try
        {
            if (startInfo.CaptureStandardError)
            {
                (stderr, theirs) = StderrSocketReader.Open();
                request = request with { StandardErrorFd = theirs };
            }
            // R60.3.7
            if (!PosixSpawn.TrySpawn(request, out pid, out int error))
                throw new SshStartException(startInfo.Program, LibC.StrError(error));
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
        // docs/daemon.md "Children: exits and stderr": group leaders are held as zombies.
        return new PosixSshProcess(reaper.Track(pid, holdZombie: startInfo.NewProcessGroup), startInfo.NewProcessGroup, stderr, timeProvider);
    }
}
