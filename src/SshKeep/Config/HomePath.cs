using System.Diagnostics.CodeAnalysis;

namespace SshKeep.Config;

/// <summary><c>~</c> expansion: <c>~name</c> is refused rather than looked up, to keep loading pure; the result must be
/// absolute, since a daemon's working directory is rarely the user's.</summary>
internal static class HomePath
{
    public static bool TryExpand(string path, string? home, [NotNullWhen(true)] out string? expanded, [NotNullWhen(false)] out string? error)
    {
        var tilde = path == "~" || path.StartsWith("~/", StringComparison.Ordinal);
        expanded = null;
        error = tilde && home is not ['/', ..]
                ? $"{ConfigText.Quote(path)} starts with ~ but HOME is not set to an absolute path; write the full path"
            : tilde ? null
            : path.StartsWith('~') ? $"{ConfigText.Quote(path)}: only ~ and ~/ are expanded (the user running sshkeep); write the full path"
            : !path.StartsWith('/') ? $"{ConfigText.Quote(path)} is relative; write an absolute path or one starting with ~/"
            : null;
        if (error is not null)
        {
            return false;
        }

        expanded = tilde ? home!.TrimEnd('/') + path[1..] : path;
        expanded = expanded.Length == 0 ? "/" : expanded;
        return true;
    }
}
