using System.Globalization;

namespace SshKeep.Bench.Faults;

/// <summary>
/// One scenario of the benchmark, by the name used on the command line: <c>kill</c>,
/// <c>blackhole-N</c> (N seconds, 1–3600), <c>freeze</c>, <c>sshd-restart</c>, <c>remote-port</c>.
/// </summary>
/// <param name="Id">The command-line name.</param>
/// <param name="Kind">What is done.</param>
/// <param name="Hold">How long the fault lasts where that is set by the benchmark (black-hole, sshd down, port held); zero otherwise.</param>
internal sealed record FaultScenario(string Id, FaultKind Kind, TimeSpan Hold)
{
    public const string Accepted = "kill, blackhole-N (N = 1..3600 seconds), freeze, sshd-restart, remote-port";

    /// <summary>Every scenario of the fault-injection benchmark, in the order they run.</summary>
    public static IReadOnlyList<string> DefaultIds { get; } =
        ["kill", "freeze", "sshd-restart", "remote-port", "blackhole-10", "blackhole-60", "blackhole-300"];

    /// <summary>The same faults, short: an end-to-end check of the harness in a few minutes.</summary>
    public static IReadOnlyList<string> QuickIds { get; } =
        ["kill", "freeze", "sshd-restart", "remote-port", "blackhole-10", "blackhole-20"];

    /// <summary>The -R scenario's tunnel forwards the server's port to the echo server; every other scenario's is -L.</summary>
    public bool IsRemoteForward => Kind == FaultKind.RemotePortHeld;

    public bool NeedsRoot => Kind == FaultKind.BlackHole;

    /// <summary>The row label in the report.</summary>
    public string Label => Kind switch
    {
        FaultKind.SshKilled => "ssh killed (SIGKILL)",
        FaultKind.BlackHole => $"black-hole {Seconds(Hold)} (iptables DROP)",
        FaultKind.ServerFrozen => "server session frozen (SIGSTOP)",
        FaultKind.SshdRestarted => $"sshd down {Seconds(Hold)}, restarted",
        FaultKind.RemotePortHeld => $"-R port held {Seconds(Hold)} by the old session",
        _ => Id,
    };

    /// <summary>The scenario named <paramref name="id"/>, or null when the name is not one of <see cref="Accepted"/>.</summary>
    /// <param name="quick">Shorter sshd downtime and port hold (5 s instead of 10 s).</param>
    public static FaultScenario? Parse(string id, bool quick)
    {
        var hold = TimeSpan.FromSeconds(quick ? 5 : 10);
        switch (id)
        {
            case "kill": return new(id, FaultKind.SshKilled, TimeSpan.Zero);
            case "freeze": return new(id, FaultKind.ServerFrozen, TimeSpan.Zero);
            case "sshd-restart": return new(id, FaultKind.SshdRestarted, hold);
            case "remote-port": return new(id, FaultKind.RemotePortHeld, hold);
        }
        const string prefix = "blackhole-";
        if (id.StartsWith(prefix, StringComparison.Ordinal) &&
            int.TryParse(id.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) &&
            seconds is >= 1 and <= 3600)
        {
            return new(id, FaultKind.BlackHole, TimeSpan.FromSeconds(seconds));
        }
        return null;
    }

    private static string Seconds(TimeSpan span) => string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0} s");
}
