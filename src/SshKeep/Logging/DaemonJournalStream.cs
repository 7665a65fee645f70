using System.Globalization;

namespace SshKeep.Logging;

/// <summary>
/// Whether stderr goes to journald, which then wants a syslog priority prefix (<c>&lt;6&gt;</c>)
/// and no timestamp of ours. systemd sets <c>JOURNAL_STREAM=DEV:INODE</c> for a service whose
/// stderr is connected to the journal; sd-daemon(3) asks programs to check that their stderr is
/// still that stream, because the variable is inherited by anything they start (a shell in
/// ExecStart that redirects 2&gt; to a file, for instance).
/// </summary>
/// <remarks>
/// We compare the inode only, read from the <c>/proc/self/fd/2</c> link (<c>socket:[INODE]</c>):
/// socket inodes are unique on the system, and reading st_dev would need fstat(2), whose struct
/// layout differs between architectures. When the link cannot be read (no /proc), the variable is
/// trusted, since under systemd that is almost always right.
/// </remarks>
internal static class DaemonJournalStream
{
    public const string Variable = "JOURNAL_STREAM";

    /// <summary>The pure rule. <paramref name="stderrLink"/> is the text of the
    /// <c>/proc/self/fd/2</c> link, or null when it could not be read.</summary>
    public static bool Matches(string? journalStream, string? stderrLink)
    {
        if (string.IsNullOrEmpty(journalStream)) return false;
        int colon = journalStream.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 ||
            !ulong.TryParse(journalStream.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out _) ||
            !ulong.TryParse(journalStream.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out ulong inode))
        {
            return false;
        }
        if (stderrLink is null) return true;
        const string prefix = "socket:[";
        if (!stderrLink.StartsWith(prefix, StringComparison.Ordinal) || !stderrLink.EndsWith(']')) return false;
        return ulong.TryParse(stderrLink.AsSpan(prefix.Length, stderrLink.Length - prefix.Length - 1),
                   NumberStyles.None, CultureInfo.InvariantCulture, out ulong stderrInode)
               && stderrInode == inode;
    }

    /// <summary>This process's answer: <c>JOURNAL_STREAM</c> against its own fd 2.</summary>
    public static bool StderrIsJournal(IReadOnlyDictionary<string, string> environment) =>
        Matches(environment.GetValueOrDefault(Variable), ReadStderrLink());

    private static string? ReadStderrLink()
    {
        try
        {
            return new FileInfo("/proc/self/fd/2").LinkTarget;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
