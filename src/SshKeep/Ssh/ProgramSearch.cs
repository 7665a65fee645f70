using System.Runtime.InteropServices;
using SshKeep.Native;

namespace SshKeep.Ssh;

/// <summary>
/// Finds the file a program name runs the way posix_spawnp/execvp would (glibc): a name with a
/// slash is used as is, another is looked up in each PATH entry (an empty entry is the current
/// directory; without PATH glibc's default "/bin:/usr/bin"), the first executable regular file
/// wins, and the error is EACCES when only unexecutable candidates were seen, else ENOENT.
/// Used when ssh is started through an exec step (docs/daemon.md, "Parent-death signal"): a
/// missing ssh_path must stay an error of the start itself, not an exit 127 of the step.
/// </summary>
internal static class ProgramSearch
{
    private const string DefaultPath = "/bin:/usr/bin";

    /// <summary>The file to execute, or null with the errno an exec would have failed with.</summary>
    public static string? Find(string program, string? pathVariable, out int error)
    {
        ArgumentNullException.ThrowIfNull(program);
        error = LibC.ENOENT;
        if (program.Length == 0) return null;
        if (program.Contains('/')) return Check(program, ref error) ? program : null;

        bool sawUnexecutable = false;
        foreach (var directory in (pathVariable ?? DefaultPath).Split(':'))
        {
            var candidate = directory.Length == 0 ? program : Path.Join(directory, program);
            int candidateError = LibC.ENOENT;
            if (Check(candidate, ref candidateError)) { error = 0; return candidate; }
            sawUnexecutable |= candidateError == LibC.EACCES;
        }
        error = sawUnexecutable ? LibC.EACCES : LibC.ENOENT;
        return null;
    }

    private static bool Check(string path, ref int error)
    {
        if (Directory.Exists(path)) { error = LibC.EACCES; return false; } // exec of a directory: EACCES
        if (!File.Exists(path)) { error = LibC.ENOENT; return false; }
        if (LibC.access(path, LibC.X_OK) != 0) { error = Marshal.GetLastPInvokeError(); return false; }
        error = 0;
        return true;
    }
}
