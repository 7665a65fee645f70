namespace SshKeep.Health;

/// <summary>One debounced network change (<see cref="NetworkChangeSource"/>).</summary>
/// <param name="NetworkAvailable">The burst's last availability; null when only addresses changed.</param>
internal sealed record NetworkChangeNotice(DateTimeOffset At, int Events, bool? NetworkAvailable)
{
    public string Text => NetworkAvailable == false
        ? $"network unavailable ({Events} {Plural(Events)})"
        : $"network changed ({Events} {Plural(Events)})";

    private static string Plural(int count) => count == 1 ? "event" : "events";
}
