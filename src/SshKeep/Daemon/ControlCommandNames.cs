using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;

namespace SshKeep.Daemon;

/// <summary>The wire names of <see cref="ControlCommand"/> (their <see cref="KebabName"/>), which are also the CLI verbs.</summary>
internal static class ControlCommandNames
{
    public static string ToName(ControlCommand command) => KebabName.Of(command);

    /// <summary>True for a request that only reads the daemon's state and changes nothing.</summary>
    public static bool IsReadOnly(ControlCommand command) => command == ControlCommand.Status;

    /// <summary>How loud the log says a request arrived (docs/daemon.md): a read-only one is debug,
    /// so a monitor polling <c>sshkeep status</c> does not fill the log; an action is info.</summary>
    public static LogLevel LogLevelOf(ControlCommand command) => IsReadOnly(command) ? LogLevel.Debug : LogLevel.Information;

    public static bool TryParse(string? name, [NotNullWhen(true)] out ControlCommand? command)
    {
        command = KebabName.TryParse(name, out ControlCommand parsed) ? parsed : null;
        return command is not null;
    }
}
