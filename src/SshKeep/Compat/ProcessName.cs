using SshKeep.Native;

namespace SshKeep.Compat;

/// <summary>R70. .NET does not expose argv[0], but the apphost leaves it in /proc/self/cmdline.</summary>
internal static class ProcessName
{
    /// <summary>Under the dotnet host this is "dotnet" (or its path), not the app.</summary>
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

    /// <summary><c>/proc/PID/comm</c>, what <c>ps</c> and <c>killall</c> match, for when we were not exec'd by the
    /// called name (<c>dotnet sshkeep.dll</c>). Only the main thread's name counts.</summary>
    public static unsafe bool TrySetProcessTableName(string name)
    {
        if (name.Length == 0 || LibC.gettid() != Environment.ProcessId) return false;
        var bytes = CommBytes(name);
        fixed (byte* text = bytes)
        {
            return LibC.prctl(LibC.PR_SET_NAME, text, 0, 0, 0) == 0;
        }
    }

    /// <summary>As the kernel stores it: UTF-8, cut, NUL-terminated.</summary>
    internal static byte[] CommBytes(string name)
    {
        var utf8 = Encoding.UTF8.GetBytes(name);
        return [.. utf8.AsSpan(0, Math.Min(utf8.Length, 15)), 0]; // TASK_COMM_LEN 16, less the NUL
    }

    /// <summary>glibc's <c>__progname</c> (R70).</summary>
    public static string ProgName(string argv0) => argv0[(argv0.LastIndexOf('/') + 1)..];

    internal static string? Argv0(ReadOnlySpan<byte> cmdline) => cmdline.IsEmpty ? null : CString(cmdline);

    /// <summary>The text up to the first NUL, as C reads a string.</summary>
    internal static string CString(ReadOnlySpan<byte> bytes)
    {
        int nul = bytes.IndexOf((byte)0);
        return Encoding.UTF8.GetString(nul < 0 ? bytes : bytes[..nul]);
    }
}
