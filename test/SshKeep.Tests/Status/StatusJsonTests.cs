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
        GoldenFile.AssertMatches(Golden(), StatusJson.Render(StatusSamples.Answered, StatusSamples.Now));

    [Fact]
    public void Json_has_the_tables_fields_for_every_tunnel_and_the_error_uncut()
    {
        using var document = JsonDocument.Parse(StatusJson.Render(StatusSamples.Answered, StatusSamples.Now));
        var tunnels = document.RootElement.GetProperty("tunnels").EnumerateArray().ToList();

        Assert.Equal("2026-11-22T08:00:00.000Z", document.RootElement.GetProperty("now").GetString());
        Assert.Equal(6, tunnels.Count);
        string[] fields = ["name", "destination", "state", "heldRemotePort", "since", "sinceSeconds", "upSince", "uptimeSeconds", "restarts", "attempts", "pid", "lastExit", "lastRestartReason", "lastError", "lastErrorAt", "lastErrorAgoSeconds", "lastErrorPast", "nextRetry", "nextRetryInSeconds"];
        // Only a tunnel that holds ports has "forwards": the others' JSON is as it was before sshkeep held ports.
        Assert.Equal([[.. fields, "forwards"], [.. fields, "forwards"], fields, fields, fields, fields],
            tunnels.Select(t => t.EnumerateObject().Select(p => p.Name)));
        Assert.Equal(StatusSamples.Snapshot.Tunnels[2].LastError, tunnels[2].GetProperty("lastError").GetString());
        Assert.Equal(2, tunnels[3].GetProperty("nextRetryInSeconds").GetInt64()); // 1.5 s, rounded up as in the table
        Assert.Equal(7509, tunnels[0].GetProperty("uptimeSeconds").GetInt64());
        // web is up again: its last error is kept, with when it was seen, and marked as past.
        Assert.True(tunnels[0].GetProperty("lastErrorPast").GetBoolean());
        Assert.Equal("2026-11-22T05:54:48.000Z", tunnels[0].GetProperty("lastErrorAt").GetString());
        Assert.False(tunnels[1].GetProperty("lastErrorPast").GetBoolean());
        Assert.Equal((1, 31), (tunnels[3].GetProperty("restarts").GetInt32(), tunnels[3].GetProperty("attempts").GetInt32()));
    }

    [Fact]
    public void Each_held_port_has_its_counts_now_and_its_wait_in_seconds()
    {
        using var document = JsonDocument.Parse(StatusJson.Render(StatusSamples.Answered, StatusSamples.Now));
        var web = document.RootElement.GetProperty("tunnels")[0].GetProperty("forwards").EnumerateArray().ToList();

        Assert.Equal(2, web.Count);
        Assert.Equal(["listen", "kind", "accepted", "waiting", "open", "failed", "waitSeconds"], web[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(("127.0.0.1:8080", "local", 42, 0, 1, 2, 6.5), (web[0].GetProperty("listen").GetString(), web[0].GetProperty("kind").GetString(),
            web[0].GetProperty("accepted").GetInt64(), web[0].GetProperty("waiting").GetInt32(), web[0].GetProperty("open").GetInt32(),
            web[0].GetProperty("failed").GetInt64(), web[0].GetProperty("waitSeconds").GetDouble()));
        Assert.Equal(("1080", "dynamic"), (web[1].GetProperty("listen").GetString(), web[1].GetProperty("kind").GetString()));
    }

    [Fact]
    public void Json_of_tunnels_that_hold_no_port_is_what_it_was()
    {
        var before = JsonDocument.Parse(StatusJson.Render(StatusSamples.Snapshot, StatusSamples.Now)).RootElement.GetProperty("tunnels");
        var after = JsonDocument.Parse(StatusJson.Render(StatusSamples.Answered, StatusSamples.Now)).RootElement.GetProperty("tunnels");

        for (int i = 2; i < before.GetArrayLength(); i++) Assert.Equal(before[i].GetRawText(), after[i].GetRawText());
    }
}
