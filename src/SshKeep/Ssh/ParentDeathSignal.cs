using SshKeep.Native;

namespace SshKeep.Ssh;

/// <summary>docs/daemon.md "Parent-death signal": probed once, with setpriv itself as the program.</summary>
internal static class ParentDeathSignal
{
    public const string SetprivPath = "/usr/bin/setpriv";

    private static readonly Lazy<(string? Path, string? Problem)> Probed = new(Probe);

    /// <summary>Null, with one line for the log.</summary>
    public static string? Setpriv(out string? problem)
    {
        (var path, problem) = Probed.Value;
        return path;
    }

    private static unsafe (string? Path, string? Problem) Probe()
    {
        if (!File.Exists(SetprivPath)) return (null, $"{SetprivPath} not found (util-linux)");
        var request = new SpawnRequest(SetprivPath, [SetprivPath, .. SpawnPlan.SetprivArguments, SetprivPath, "--version"],
            PosixSpawn.EnvironmentWith(null)) { StandardStreamsToDevNull = true };
        if (!PosixSpawn.TrySpawn(request, out int pid, out int error))
            return (null, $"{SetprivPath}: {LibC.StrError(error)}");
        // This one pid only: the reaper and the runtime wait for theirs, never for it.
        int status, result;
        do result = LibC.waitpid(pid, &status, 0);
        while (result < 0 && System.Runtime.InteropServices.Marshal.GetLastPInvokeError() == LibC.EINTR);
        if (result == pid && WaitStatus.IsExited(status) && WaitStatus.ExitStatus(status) == 0) return (SetprivPath, null);
        return (null, $"{SetprivPath} does not support --pdeathsig (util-linux 2.33 or later does)");
    }
}
