using System.Diagnostics.CodeAnalysis;

namespace SshKeep.Config;

/// <summary>
/// <c>~</c> expansion for paths in the file. Only <c>~</c> and <c>~/…</c> (the user running
/// sshkeep); <c>~name</c> is refused rather than looked up, to keep loading pure. The result must
/// be absolute: a daemon's working directory is rarely the user's, so a relative path would point
/// somewhere unexpected.
/// </summary>
internal static class HomePath
{
    public static bool TryExpand(string path, string? home, [NotNullWhen(true)] out string? expanded, [NotNullWhen(false)] out string? error)
    {
        expanded = null;
        error = null;
        if (path == "~" || path.StartsWith("~/", StringComparison.Ordinal))
        {
            if (string.IsNullOrEmpty(home) || !home.StartsWith('/'))
            {
                error = $"{ConfigText.Quote(path)} starts with ~ but HOME is not set to an absolute path; write the full path";
                return false;
            }

            expanded = home.TrimEnd('/') + path[1..];
            if (expanded.Length == 0)
            {
                expanded = "/";
            }

            return true;
        }

        if (path.StartsWith('~'))
        {
            error = $"{ConfigText.Quote(path)}: only ~ and ~/ are expanded (the user running sshkeep); write the full path";
            return false;
        }

        if (!path.StartsWith('/'))
        {
            error = $"{ConfigText.Quote(path)} is relative; write an absolute path or one starting with ~/";
            return false;
        }

        expanded = path;
        return true;
    }
}
