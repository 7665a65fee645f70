using System.Globalization;

namespace SshKeep.Bench.Clients;

/// <summary>
/// One scenario, by its command-line name: <c>kill</c>, <c>blackhole-N</c>, <c>sshd-down-N</c>
/// (N seconds, 1–3600), <c>failover</c>, <c>standby</c>.
/// </summary>
/// <param name="Id">The command-line name.</param>
/// <param name="Kind">What is done.</param>
/// <param name="Hold">How long the server is away (black-hole, sshd down); zero when the heal is the fault.</param>
/// <param name="Patience">How long each client attempt waits for its echo before it counts as failed.</param>
internal sealed record ClientScenario(string Id, ClientFaultKind Kind, TimeSpan Hold, TimeSpan Patience)
{
    public const string Accepted = "kill, blackhole-N, sshd-down-N (N = 1..3600 seconds), failover, standby";

    public static IReadOnlyList<string> DefaultIds { get; } = ["kill", "blackhole-10", "sshd-down-5", "failover", "standby"];

    private static readonly TimeSpan ShortPatience = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan LongPatience = TimeSpan.FromSeconds(30);

    public bool NeedsRoot => Kind == ClientFaultKind.BlackHole;

    /// <summary>Failover and standby are the daemon's own: no other keeper has them.</summary>
    public bool DaemonOnly => Kind is ClientFaultKind.Failover or ClientFaultKind.StandbyKilled;

    /// <summary>The heading in the report.</summary>
    public string Label => Kind switch
    {
        ClientFaultKind.SshKilled => $"ssh killed (patience {Seconds(Patience)})",
        ClientFaultKind.BlackHole => $"server black-holed {Seconds(Hold)} (patience {Seconds(Patience)})",
        ClientFaultKind.SshdDown => $"sshd down {Seconds(Hold)} (patience {Seconds(Patience)})",
        ClientFaultKind.Failover => $"failover: the first of two servers stops for good (patience {Seconds(Patience)})",
        _ => $"ssh killed with a warm standby (patience {Seconds(Patience)})",
    };

    /// <summary>The scenario named <paramref name="id"/>, or null when the name is not one of <see cref="Accepted"/>.</summary>
    public static ClientScenario? Parse(string id)
    {
        switch (id)
        {
            case "kill": return new(id, ClientFaultKind.SshKilled, TimeSpan.Zero, ShortPatience);
            case "failover": return new(id, ClientFaultKind.Failover, TimeSpan.Zero, LongPatience);
            case "standby": return new(id, ClientFaultKind.StandbyKilled, TimeSpan.Zero, ShortPatience);
        }
        if (Held(id, "blackhole-") is { } blackHole) return new(id, ClientFaultKind.BlackHole, blackHole, LongPatience);
        if (Held(id, "sshd-down-") is { } down) return new(id, ClientFaultKind.SshdDown, down, LongPatience);
        return null;
    }

    private static TimeSpan? Held(string id, string prefix) =>
        id.StartsWith(prefix, StringComparison.Ordinal) &&
        int.TryParse(id.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) &&
        seconds is >= 1 and <= 3600
            ? TimeSpan.FromSeconds(seconds)
            : null;

    private static string Seconds(TimeSpan span) => string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0} s");
}
