namespace SshKeep.Health;

/// <summary>One debounced network change (<see cref="NetworkChangeSource"/>).</summary>
/// <param name="At">When the notice was given (after the burst went quiet).</param>
/// <param name="Events">Raw address and availability events folded into this notice.</param>
/// <param name="NetworkAvailable">The last availability reported during the burst; null when
/// only addresses changed.</param>
internal sealed record NetworkChangeNotice(DateTimeOffset At, int Events, bool? NetworkAvailable)
{
    /// <summary>For a log line: "network changed (3 events)", "network unavailable (2 events)".</summary>
    public string Text => NetworkAvailable == false
        ? $"network unavailable ({Events} {Plural(Events)})"
        : $"network changed ({Events} {Plural(Events)})";

    private static string Plural(int count) => count == 1 ? "event" : "events";
}
