using SshKeep.Config;

namespace SshKeep.Supervision;

/// <summary>What a reload does, by tunnel name: unchanged tunnels keep their ssh.</summary>
internal sealed record ReloadPlan(
    IReadOnlyList<string> Removed,
    IReadOnlyList<TunnelConfig> Added,
    IReadOnlyList<TunnelConfig> Changed,
    IReadOnlyList<string> Unchanged)
{
    public static ReloadPlan Between(IReadOnlyList<TunnelConfig> running, IReadOnlyList<TunnelConfig> wanted)
    {
        var old = running.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var next = wanted.ToDictionary(t => t.Name, StringComparer.Ordinal);
        return new ReloadPlan(
            [.. running.Where(t => !next.ContainsKey(t.Name)).Select(t => t.Name)],
            [.. wanted.Where(t => !old.ContainsKey(t.Name))],
            [.. wanted.Where(t => old.TryGetValue(t.Name, out var before) && !before.SameAs(t))],
            [.. wanted.Where(t => old.TryGetValue(t.Name, out var before) && before.SameAs(t)).Select(t => t.Name)]);
    }
}
