using System.Diagnostics.CodeAnalysis;

namespace SshKeep.Daemon;

/// <summary>The wire names of <see cref="ControlCommand"/>, which are also the CLI verbs.</summary>
public static class ControlCommandNames
{
    public static string ToName(ControlCommand command) => command switch
    {
        ControlCommand.Status => "status",
        ControlCommand.Restart => "restart",
        ControlCommand.RetryNow => "retry-now",
        ControlCommand.Reload => "reload",
        ControlCommand.Stop => "stop",
        _ => throw new ArgumentOutOfRangeException(nameof(command), command, "Not a control command."),
    };

    public static bool TryParse(string? name, [NotNullWhen(true)] out ControlCommand? command)
    {
        command = name switch
        {
            "status" => ControlCommand.Status,
            "restart" => ControlCommand.Restart,
            "retry-now" => ControlCommand.RetryNow,
            "reload" => ControlCommand.Reload,
            "stop" => ControlCommand.Stop,
            _ => null,
        };
        return command is not null;
    }
}
