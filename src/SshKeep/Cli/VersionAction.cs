using System.CommandLine;
using System.CommandLine.Invocation;
using SshKeep.Compat;

namespace SshKeep.Cli;

/// <summary><c>--version</c> and <c>version</c> print <see cref="Line"/>, not the parser's version with a commit hash.</summary>
internal sealed class VersionAction : SynchronousCommandLineAction
{
    /// <summary>sshkeep's one version line (also <c>-V</c> when called as <c>sshkeep</c>). Called by any other
    /// name, <c>-V</c> prints autossh's own line, <c>NAME 1.4g</c> (spec R5, R70), which scripts may parse.</summary>
    public static string Line => $"sshkeep {DaemonHost.Version} (autossh {CompatCommandLine.Version} compatible)";

    public override int Invoke(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        parseResult.InvocationConfiguration.Output.WriteLine(Line);
        return ExitCodes.Ok;
    }
}
