using Microsoft.Extensions.Logging;

namespace SshKeep.Daemon;

/// <summary>One request on the control socket: a command and, for <c>restart</c> (required) and
/// <c>retry-now</c> (optional), a tunnel name. <see cref="ControlRequestParser"/> makes these from
/// the wire and guarantees the arity and the name's syntax.</summary>
internal sealed record ControlRequest(ControlCommand Command, string? Tunnel = null)
{
    /// <summary>How loud the log says the request arrived (docs/daemon.md): <c>status</c> only reads,
    /// so it is debug and a monitor polling it does not fill the log; an action is info.</summary>
    public LogLevel LogLevel => Command == ControlCommand.Status ? LogLevel.Debug : LogLevel.Information;

    /// <summary>The request as the client sends it: one JSON line, e.g.
    /// <c>{"command":"restart","tunnel":"db"}</c> and a newline.</summary>
    public string ToLine() => ControlRequestParser.Format(this);

    public override string ToString() => Tunnel is null ? KebabName.Of(Command) : $"{KebabName.Of(Command)} {Tunnel}";
}
