using System.Runtime.CompilerServices;
using SshKeep.Status;
using SshKeep.Supervision;
using SshKeep.Tests.Cli;
using SshKeep.Tests.Daemon;

namespace SshKeep.Tests.Status;

/// <summary>The <c>status</c> table, locked by Golden/status-table.txt (the default width, where
/// long errors are cut) and Golden/status-table-wide.txt (a wide terminal).</summary>
public sealed class StatusTableTests
{
    private static string Golden(string name, [CallerFilePath] string thisFile = "") =>
        Path.Combine(Path.GetDirectoryName(thisFile)!, "Golden", name);

    [Fact]
    public void Table_at_the_default_width_matches_the_golden_file() =>
        GoldenFile.AssertMatches(Golden("status-table.txt"), StatusTable.Render(StatusSamples.Snapshot, StatusSamples.Now));

    [Fact]
    public void Table_on_a_wide_terminal_matches_the_golden_file() =>
        GoldenFile.AssertMatches(Golden("status-table-wide.txt"), StatusTable.Render(StatusSamples.Snapshot, StatusSamples.Now, width: 250));

    [Fact]
    public void No_line_is_wider_than_asked_or_ends_in_blanks()
    {
        // 120 and more leave the error column at least its minimum here, so the width holds.
        foreach (int width in new[] { 120, 140, 250 })
        {
            var lines = StatusTable.Render(StatusSamples.Snapshot, StatusSamples.Now, width).Split('\n');

            Assert.Equal("", lines[^1]);
            Assert.All(lines[..^1], line =>
            {
                Assert.True(line.Length <= width, $"{line.Length} > {width}: {line}");
                Assert.Equal(line.TrimEnd(), line);
            });
        }
    }

    [Fact]
    public void A_narrow_terminal_still_gets_a_readable_error_column()
    {
        var lines = StatusTable.Render(StatusSamples.Snapshot, StatusSamples.Now, width: 40).Split('\n');

        int column = lines[0].IndexOf("LAST ERROR", StringComparison.Ordinal);
        int nextColumn = lines[0].IndexOf("NEXT RETRY", StringComparison.Ordinal);
        Assert.Equal(StatusTable.MinErrorWidth + 2, nextColumn - column);
        Assert.Contains("  ssh: connect to…  4s", lines[3]);
    }

    [Fact]
    public void The_rows_follow_the_config_order_and_show_each_state_once()
    {
        var lines = StatusTable.Render(StatusSamples.Snapshot, StatusSamples.Now).Split('\n');

        Assert.StartsWith("NAME", lines[0]);
        Assert.Equal(["web", "db", "metrics", "reverse-api", "vault", "legacy"], lines[1..7].Select(l => l.Split(' ')[0]));
        Assert.Contains("waiting-for-remote-port (8080)", lines[4]);
    }

    [Fact]
    public void An_unlimited_width_never_cuts()
    {
        string table = StatusTable.Render(StatusSamples.Snapshot, StatusSamples.Now, width: int.MaxValue);

        Assert.Contains(StatusSamples.Snapshot.Tunnels[2].LastError!, table);
        Assert.DoesNotContain('…', table);
    }

    [Fact]
    public void A_daemon_without_tunnels_prints_the_header_alone()
    {
        string table = StatusTable.Render(StatusSamples.Snapshot with { Tunnels = [] }, StatusSamples.Now);

        Assert.Equal("NAME  STATE  SINCE  UPTIME  RESTARTS  LAST EXIT  LAST ERROR  NEXT RETRY\n", table);
    }

    [Fact]
    public void Text_from_the_server_cannot_move_the_cursor()
    {
        var hostile = new TunnelStatus
        {
            Name = "db",
            State = TunnelState.Backoff,
            Since = StatusSamples.Now,
            LastExit = "status 255",
            LastError = "Received disconnect from 203.0.113.7: \u001b[2J\u001b[Hall good\nreally",
        };

        string table = StatusTable.Render(StatusSamples.Snapshot with { Tunnels = [hostile] }, StatusSamples.Now, width: 250);

        Assert.DoesNotContain('\u001b', table);
        Assert.Equal(2, table.Count(c => c == '\n'));
        Assert.Contains("203.0.113.7: ?[2J?[Hall good?really", table);
    }

    [Theory]
    [InlineData(TunnelState.WaitingForRemotePort, 8080, "waiting-for-remote-port (8080)")]
    [InlineData(TunnelState.WaitingForRemotePort, null, "waiting-for-remote-port")]
    [InlineData(TunnelState.Backoff, 8080, "backoff")]
    [InlineData(TunnelState.Up, null, "up")]
    public void The_state_column_names_the_held_port_only_while_waiting_for_it(object stateRow, int? port, string text)
    {
        var state = (TunnelState)stateRow;
        Assert.Equal(text, StatusTable.StateText(new TunnelStatus { Name = "r", State = state, Since = StatusSamples.Now, HeldRemotePort = port }));
    }

    [Fact]
    public void A_retry_that_is_already_due_says_now()
    {
        var due = new TunnelStatus { Name = "db", State = TunnelState.Backoff, Since = StatusSamples.Now, NextRetry = StatusSamples.Now };

        string row = StatusTable.Render(StatusSamples.Snapshot with { Tunnels = [due] }, StatusSamples.Now).Split('\n')[1];

        Assert.EndsWith("  now", row);
    }

    [Fact]
    public void An_up_tunnel_s_last_error_is_past_and_not_shown_while_a_waiting_one_s_is()
    {
        var seen = StatusSamples.Now - TimeSpan.FromMinutes(5);
        var up = new TunnelStatus { Name = "web", State = TunnelState.Up, Since = seen, UpSince = seen, Restarts = 1, Attempts = 2, LastError = "Connection reset by peer", LastErrorAt = seen };
        var down = up with { Name = "db", State = TunnelState.Backoff, UpSince = null };
        var snapshot = StatusSamples.Snapshot with { Tunnels = [up, down] };

        var lines = StatusTable.Render(snapshot, StatusSamples.Now).Split('\n');

        Assert.DoesNotContain("Connection reset", lines[1], StringComparison.Ordinal);
        Assert.Contains("Connection reset by peer", lines[2], StringComparison.Ordinal);
    }
}
