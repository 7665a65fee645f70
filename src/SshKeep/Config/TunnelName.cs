using System.Text.RegularExpressions;

namespace SshKeep.Config;

/// <summary>A tunnel's name, the key under <c>tunnels:</c>. It appears in logs, status, file names
/// and commands (<c>sshkeep restart NAME</c>), so it is short and plain, and starts with neither
/// '-' (it would read as an option) nor '.' (a hidden or relative file name).</summary>
internal static partial class TunnelName
{
    public static string? Error(string name) =>
        Syntax().IsMatch(name)
            ? null
            : $"tunnel name {ConfigText.Quote(name)} is not accepted; expected 1 to 64 letters, digits, '.', '_' or '-', not starting with '.' or '-'";

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex Syntax();
}
