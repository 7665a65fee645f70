namespace SshKeep.Logging;

/// <summary>A count with its noun in the right number for <see cref="DaemonLog"/> ("1 tunnel", "3 tunnels";
/// a bare int would read "starting 1 tunnels"); in JSON logs the bare number.</summary>
internal readonly record struct DaemonCount(int Value, string One, string Many)
{
    public static DaemonCount Tunnels(int value) => new(value, "tunnel", "tunnels");

    public static DaemonCount Errors(int value) => new(value, "error", "errors");

    public static DaemonCount Lines(int value) => new(value, "line", "lines");

    public static DaemonCount Times(int value) => new(value, "time", "times");

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Value} {(Value == 1 ? One : Many)}");
}
