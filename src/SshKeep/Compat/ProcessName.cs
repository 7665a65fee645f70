using SshKeep.Native;

namespace SshKeep.Compat;

/// <summary>
/// The name we were called by (R70): an <c>autossh</c> symlink to sshkeep must say "autossh". .NET does not
/// expose argv[0], but the apphost leaves it in /proc/self/cmdline.
/// </summary>
internal static class ProcessName
{
    /// <summary>argv[0] as the caller wrote it, or null when /proc/self/cmdline cannot be read.
    /// Under the dotnet host this is "dotnet" (or its path), not the app.</summary>
    public static string? FromProcCmdline()
    {
        try
        {
            return Argv0(File.ReadAllBytes("/proc/self/cmdline"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The longest name the kernel keeps for a process (TASK_COMM_LEN 16, with the NUL).</summary>
    internal const int CommLength = 15;

    /// <summary>
    /// Names this process in the process table (<c>/proc/PID/comm</c>, what <c>ps</c> and
    /// <c>killall</c> match), cut to 15 bytes as the kernel does, for when it was not exec'd by the
    /// called name (<c>dotnet sshkeep.dll</c>). Only the main thread's name counts.
    /// </summary>
    public static unsafe bool TrySetProcessTableName(string name)
    {
        if (name.Length == 0 || LibC.gettid() != Environment.ProcessId) return false;
        var bytes = CommBytes(name);
        fixed (byte* text = bytes)
        {
            return LibC.prctl(LibC.PR_SET_NAME, text, 0, 0, 0) == 0;
        }
    }

    /// <summary>The name as the kernel stores it: UTF-8, at most 15 bytes, NUL-terminated.</summary>
    internal static byte[] CommBytes(string name)
    {
        var utf8 = Encoding.UTF8.GetBytes(name);
        var length = Math.Min(utf8.Length, CommLength);
        var comm = new byte[length + 1];
        utf8.AsSpan(0, length).CopyTo(comm);
        return comm;
    }

    /// <summary>The last path component, as glibc's <c>__progname</c>: text after the last '/' (R70).</summary>
    public static string ProgName(string argv0)
    {
        return argv0[(argv0.LastIndexOf('/') + 1)..];
    }

    /// <summary>The first NUL-terminated string of a cmdline image; null when there is none.</summary>
    internal static string? Argv0(ReadOnlySpan<byte> cmdline)
    {
        if (cmdline.IsEmpty) return null;
        int end = cmdline.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? cmdline : cmdline[..end]);
    }
}
