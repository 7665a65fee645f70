using System.Text;

namespace SshKeep.Daemon;

/// <summary>
/// The name we were called by. autossh prints its progname (the last component of argv[0])
/// everywhere (R70), and an `autossh` symlink to sshkeep must say "autossh". .NET does not expose
/// argv[0] (Environment.GetCommandLineArgs()[0] is the app's path), but the apphost leaves the
/// original in /proc/self/cmdline.
/// </summary>
public static class ProcessName
{
    /// <summary>argv[0] as the caller wrote it, or null when /proc/self/cmdline cannot be read.
    /// Under the dotnet host this is "dotnet" (or its path), not the app.</summary>
    public static string? FromProcCmdline()
    {
        try
        {
            return Argv0(File.ReadAllBytes("/proc/self/cmdline"));
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The last path component, as glibc's <c>__progname</c>: text after the last '/'.</summary>
    public static string ProgName(string argv0)
    {
        ArgumentNullException.ThrowIfNull(argv0);
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
