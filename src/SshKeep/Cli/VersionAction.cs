using System.CommandLine;
using System.CommandLine.Invocation;

namespace SshKeep.Cli;

/// <summary>What <c>sshkeep --version</c> does: the same line as <c>-V</c> and <c>version</c>
/// (<see cref="ProductVersion"/>), not the parser's informational version with a commit hash.</summary>
internal sealed class VersionAction : SynchronousCommandLineAction
{
    public override int Invoke(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        parseResult.InvocationConfiguration.Output.WriteLine(ProductVersion.Line);
        return ExitCodes.Ok;
    }
}
