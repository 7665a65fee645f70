using SshKeep.Forwarding;
using SshKeep.Supervision;

namespace SshKeep.Daemon;

/// <summary>What status.json and the control socket's <c>status</c> answer hold; tunnels in config-file order.</summary>
internal sealed record StatusSnapshot
{
    public required DaemonInfo Daemon { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    public required IReadOnlyList<TunnelStatus> Tunnels { get; init; }

    /// <summary>The status answer's held-port counts (docs/daemon.md "status.json").</summary>
    public StatusSnapshot WithForwards(IReadOnlyDictionary<string, IReadOnlyList<HeldForwardReading>> forwards) =>
        forwards.Count == 0
            ? this
            : this with
            {
                Tunnels = [.. Tunnels.Select(t => forwards.TryGetValue(t.Name, out var held) ? t with { Forwards = held } : t)],
            };
}
