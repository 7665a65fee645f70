namespace SshKeep.Daemon;

/// <summary>One request on the control socket (docs/daemon.md "Control protocol").</summary>
internal sealed record ControlRequest(
    ControlCommand Command, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Tunnel = null)
{
    /// <summary><c>status</c> only reads, so a monitor polling it does not fill the log (docs/daemon.md).</summary>
    [JsonIgnore]
    public LogLevel LogLevel => Command == ControlCommand.Status ? LogLevel.Debug : LogLevel.Information;

    public string ToLine() =>
        Encoding.UTF8.GetString(DaemonJsonContext.ToUtf8(this, DaemonJsonContext.Default.ControlRequest, indented: false));

    public override string ToString() => Tunnel is null ? KebabName.Of(Command) : $"{KebabName.Of(Command)} {Tunnel}";
}
