using System.Text.Json;

namespace SshKeep.Bench.Soak;

/// <summary>`sshkeep status --json` as the soak reads it.</summary>
internal sealed record DaemonStatus(IReadOnlyList<TunnelStatusEntry> Tunnels)
{
    public TunnelStatusEntry? Find(string name) => Tunnels.FirstOrDefault(t => t.Name == name);

    /// <summary>The pids of the ssh processes the daemon says are its tunnels'.</summary>
    public IReadOnlySet<int> OwnedPids => Tunnels.Where(t => t.Pid is not null).Select(t => t.Pid!.Value).ToHashSet();

    public int RestartSum => Tunnels.Sum(t => t.Restarts);

    /// <summary>Null when the text is not a status document (the daemon did not answer yet).</summary>
    public static DaemonStatus? Parse(string json)
    {
        if (json.Trim().Length == 0) return null;
        try
        {
            using var document = JsonDocument.Parse(json);
            if (!document.RootElement.TryGetProperty("tunnels", out var tunnels)) return null;
            return new DaemonStatus([.. tunnels.EnumerateArray().Select(t => new TunnelStatusEntry(
                t.GetProperty("name").GetString() ?? "",
                t.GetProperty("state").GetString() ?? "",
                t.TryGetProperty("pid", out var pid) && pid.ValueKind == JsonValueKind.Number ? pid.GetInt32() : null,
                t.TryGetProperty("restarts", out var restarts) && restarts.ValueKind == JsonValueKind.Number ? restarts.GetInt32() : 0,
                Text(t, "lastError"),
                Text(t, "lastRestartReason")))]);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement tunnel, string property) =>
        tunnel.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
