using SshKeep.Forwarding;
using SshKeep.Supervision;

namespace SshKeep.Daemon;

/// <summary>Everything status.json and the control socket's <c>status</c> answer hold: the daemon,
/// when the snapshot was taken, and each tunnel in config-file order.</summary>
internal sealed record StatusSnapshot
{
    public required DaemonInfo Daemon { get; init; }

    /// <summary>When the daemon last changed the snapshot (a tunnel changed, or a reload).</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    public required IReadOnlyList<TunnelStatus> Tunnels { get; init; }

    /// <summary>This snapshot with each tunnel's held ports and their counts (<see cref="TunnelStatus.Forwards"/>),
    /// the status answer's; a tunnel not in <paramref name="forwards"/> is left as it is.</summary>
    public StatusSnapshot WithForwards(IReadOnlyDictionary<string, IReadOnlyList<HeldForwardReading>> forwards) =>
        forwards.Count == 0
            ? this
            : this with
            {
                Tunnels = [.. Tunnels.Select(t => forwards.TryGetValue(t.Name, out var held) ? t with { Forwards = held } : t)],
            };
}
