using System.Runtime.InteropServices;
using System.Threading.Channels;
using SshKeep.Native;
using SshKeep.Ssh;

namespace SshKeep.Hooks;

/// <summary>
/// One running hook: spawned like ssh (posix_spawnp, no shell, every signal at its default) in a
/// process group of its own, so a timeout reaches whatever it started; stdin is /dev/null, stdout
/// and stderr share one socket that sshkeep reads line by line, as ssh's stderr; reaped through the daemon's shared
/// <see cref="ChildReaper"/>, which keeps its zombie until the hook is disposed, so its group can
/// still be signalled after it exited (<see cref="ProcessGroupEnd"/>).
/// </summary>
internal sealed class HookProcess : IDisposable
{
    private readonly StderrSocketReader _output;

    private HookProcess(TrackedChild child, StderrSocketReader output) => (Child, _output) = (child, output);

    /// <summary>The hook, for <see cref="ProcessGroupEnd"/>: its zombie is held until disposal.</summary>
    public TrackedChild Child { get; }

    /// <summary>Lines the hook wrote on stdout or stderr; completes at EOF (when every process
    /// holding the socket is gone) or when this object is disposed.</summary>
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
        var (output, writeFd) = StderrSocketReader.Open();
        int pid, error;
        try
        {
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
            output.Dispose();
            throw;
        }
        finally
        {
            // The child has its own copies as fds 1 and 2; ours would keep the socket from reaching EOF.
            LibC.close(writeFd);
        }

        if (error != 0)
        {
            output.Dispose();
            throw new SshStartException(argv[0], LibC.StrError(error), error);
        }

        return new HookProcess(reaper.Track(pid, holdZombie: true), output);
    }

    /// <summary>Stops reading the output (a process that left the hook's group may hold the socket
    /// open for ever; lines already read stay readable) and reaps the hook's zombie.</summary>
    public void Dispose()
    {
        _output.Dispose();
        Child.Release();
    }
}
