namespace SshKeep.Daemon;

/// <summary>One request on the control socket: a command and, for <c>restart</c> (required) and
/// <c>retry-now</c> (optional), a tunnel name. <see cref="ControlRequestParser"/> makes these from
/// the wire and guarantees the arity and the name's syntax.</summary>
internal sealed record ControlRequest(ControlCommand Command, string? Tunnel = null)
{
    /// <summary>The request as the client sends it: one JSON line, e.g.
    /// <c>{"command":"restart","tunnel":"db"}</c> and a newline.</summary>
    public string ToLine() => ControlRequestParser.Format(this);

    public override string ToString() =>
        Tunnel is null ? ControlCommandNames.ToName(Command) : $"{ControlCommandNames.ToName(Command)} {Tunnel}";
}
