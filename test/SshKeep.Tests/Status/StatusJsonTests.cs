using System.Runtime.CompilerServices;
using System.Text.Json;
using SshKeep.Status;
using SshKeep.Tests.Cli;
using SshKeep.Tests.Daemon;

namespace SshKeep.Tests.Status;

/// <summary><c>status --json</c>, locked by Golden/status.json.</summary>
public sealed class StatusJsonTests
{
    private static string Golden([CallerFilePath] string thisFile = "") =>
        Path.Combine(Path.GetDirectoryName(thisFile)!, "Golden", "status.json");

    [Fact]
    public void Json_matches_the_golden_file() =>
        GoldenFile.AssertMatches(Golden(), StatusJson.Render(StatusSamples.Snapshot, StatusSamples.Now));

    [Fact]
    public void Json_has_the_tables_fields_for_every_tunnel_and_the_error_uncut()
    {
        using var document = JsonDocument.Parse(StatusJson.Render(StatusSamples.Snapshot, StatusSamples.Now));
        var tunnels = document.RootElement.GetProperty("tunnels").EnumerateArray().ToList();

        Assert.Equal("2026-11-22T08:00:00.000Z", document.RootElement.GetProperty("now").GetString());
        Assert.Equal(6, tunnels.Count);
        string[] fields = ["name", "destination", "state", "heldRemotePort", "since", "sinceSeconds", "upSince", "uptimeSeconds", "restarts", "attempts", "pid", "lastExit", "lastRestartReason", "lastError", "lastErrorAt", "lastErrorAgoSeconds", "lastErrorPast", "nextRetry", "nextRetryInSeconds"];
        Assert.All(tunnels, t => Assert.Equal(fields, t.EnumerateObject().Select(p => p.Name)));
        Assert.Equal(StatusSamples.Snapshot.Tunnels[2].LastError, tunnels[2].GetProperty("lastError").GetString());
        Assert.Equal(2, tunnels[3].GetProperty("nextRetryInSeconds").GetInt64()); // 1.5 s, rounded up as in the table
        Assert.Equal(7509, tunnels[0].GetProperty("uptimeSeconds").GetInt64());
        // web is up again: its last error is kept, with when it was seen, and marked as past.
        Assert.True(tunnels[0].GetProperty("lastErrorPast").GetBoolean());
        Assert.Equal("2026-11-22T05:54:48.000Z", tunnels[0].GetProperty("lastErrorAt").GetString());
        Assert.False(tunnels[1].GetProperty("lastErrorPast").GetBoolean());
        Assert.Equal((1, 31), (tunnels[3].GetProperty("restarts").GetInt32(), tunnels[3].GetProperty("attempts").GetInt32()));
    }
}
