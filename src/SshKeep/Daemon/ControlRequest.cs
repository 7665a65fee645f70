namespace SshKeep.Daemon;

/// <summary>One request on the control socket: a command and, for <c>restart</c> (required) and
/// <c>retry-now</c> (optional), a tunnel name. <see cref="ControlRequestParser"/> makes these from
/// the wire and guarantees the arity and the name's syntax.</summary>
internal sealed record ControlRequest(
    ControlCommand Command, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Tunnel = null)
{
    /// <summary>How loud the log says the request arrived (docs/daemon.md): <c>status</c> only reads,
    /// so it is debug and a monitor polling it does not fill the log; an action is info.</summary>
    [JsonIgnore]
    public LogLevel LogLevel => Command == ControlCommand.Status ? LogLevel.Debug : LogLevel.Information;

    /// <summary>The request as the client sends it: one JSON line, e.g.
    /// <c>{"command":"restart","tunnel":"db"}</c> and a newline (no <c>tunnel</c> when there is none).</summary>
    public string ToLine() =>
        Encoding.UTF8.GetString(DaemonJsonContext.ToUtf8(this, DaemonJsonContext.Default.ControlRequest, indented: false));

    public override string ToString() => Tunnel is null ? KebabName.Of(Command) : $"{KebabName.Of(Command)} {Tunnel}";
}
