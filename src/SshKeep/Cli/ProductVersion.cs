using SshKeep.Compat;

namespace SshKeep.Cli;

/// <summary>
/// sshkeep's one version line, for <c>-V</c>, <c>--version</c> and <c>version</c> when called as
/// <c>sshkeep</c>. Called by any other name (<c>autossh</c>, a renamed link) <c>-V</c> prints
/// autossh's own line, <c>NAME 1.4g</c> (spec R5, R70), which scripts may parse.
/// </summary>
internal static class ProductVersion
{
    public static string Line => $"sshkeep {DaemonHost.Version} (autossh {CompatCommandLine.Version} compatible)";
}
