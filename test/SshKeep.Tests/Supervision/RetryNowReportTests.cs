using SshKeep.Supervision;

namespace SshKeep.Tests.Supervision;

/// <summary>What retry-now says it did: the tunnels asked, as they were, in; one line out.</summary>
public sealed class RetryNowReportTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);

    [Theory]
    // tunnels asked: name:state[:seconds until the next start]          → the line
    [InlineData("db:backoff:12,web:up,api:up", "db starts now (due in 12s); 2 tunnels are up and left alone")]
    [InlineData("web:up,api:up,db:up", "no tunnel is waiting, nothing to cut short; 3 tunnels are up and left alone")]
    [InlineData("db:backoff:12", "db starts now (due in 12s)")]
    [InlineData("db:up", "db is up and left alone (no wait to cut short)")]
    [InlineData("db:starting", "db is starting already and left alone (no wait to cut short)")]
    [InlineData("db:backoff:4,back:waiting-for-remote-port:1.5,vault:needs-attention:270,web:up",
        "db (due in 4s), back (due in 1.5s) and vault (due in 4m30s) start now; 1 tunnel is up and left alone")]
    [InlineData("a:backoff:1,b:backoff:1,c:backoff:1,d:backoff:1,e:backoff:1,f:backoff:1",
        "a (due in 1s), b (due in 1s), c (due in 1s), d (due in 1s) and 2 more start now")]
    [InlineData("db:backoff:2,web:up,api:starting", "db starts now (due in 2s); 1 tunnel is up and left alone; 1 tunnel is starting already and left alone")]
    [InlineData("", "no tunnel is waiting, nothing to cut short")]
    public void The_line_says_which_tunnels_start_now_and_which_are_left_alone(string tunnels, string expected)
    {
        var report = new RetryNowReport([.. tunnels.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Status)]);

        Assert.Equal(expected, report.Describe(Now));
    }

    [Theory]
    [InlineData(TunnelState.Backoff, true)]
    [InlineData(TunnelState.WaitingForRemotePort, true)]
    [InlineData(TunnelState.NeedsAttention, true)]
    [InlineData(TunnelState.Starting, false)]
    [InlineData(TunnelState.Up, false)]
    [InlineData(TunnelState.Stopped, false)]
    public void Only_a_tunnel_waiting_for_its_next_start_has_a_wait_to_cut_short(TunnelState state, bool waiting)
    {
        Assert.Equal(waiting, RetryNowReport.IsWaiting(state));
    }

    private static TunnelStatus Status(string text)
    {
        var parts = text.Split(':');
        Assert.True(SshKeep.Supervision.TunnelStateNames.TryParse(parts[1], out var state));
        return new TunnelStatus
        {
            Name = parts[0],
            State = state.Value,
            Since = Now,
            NextRetry = parts.Length > 2 ? Now + TimeSpan.FromSeconds(double.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture)) : null,
        };
    }
}
