using SshKeep.Hooks;
using SshKeep.Supervision;
using SshKeep.Tests.Supervision;

namespace SshKeep.Tests.Hooks;

/// <summary>The SSHKEEP_* variables a hook gets (docs/config.md, hooks).</summary>
public sealed class HookEnvironmentTests
{
    private static readonly DateTimeOffset Since = new(2025, 3, 4, 5, 6, 7, 890, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = new(2025, 3, 4, 5, 6, 9, 5, TimeSpan.Zero);

    [Fact]
    public void A_down_hook_gets_names_states_reason_times_and_restarts()
    {
        var previous = new TunnelStatus { Name = "db", State = TunnelState.Up, Since = Since.AddHours(-1) };
        var next = new TunnelStatus
        {
            Name = "db", State = TunnelState.Backoff, Since = Since, Restarts = 4, Attempts = 9,
            LastRestartReason = RestartReasons.Exited, LastError = "Connection reset by peer", Pid = 1234,
        };

        var environment = HookEnvironment.For(HookEvent.Down, Transitions.Of(previous, next, at: Now));

        Assert.Equal(new Dictionary<string, string>
        {
            ["SSHKEEP_TUNNEL"] = "db",
            ["SSHKEEP_EVENT"] = "down",
            ["SSHKEEP_STATE"] = "backoff",
            ["SSHKEEP_PREVIOUS_STATE"] = "up",
            ["SSHKEEP_REASON"] = "exited: Connection reset by peer",
            ["SSHKEEP_SINCE"] = "2025-03-04T05:06:07.890Z",
            ["SSHKEEP_TIMESTAMP"] = "2025-03-04T05:06:09.005Z",
            ["SSHKEEP_UNIX_TIME"] = Now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["SSHKEEP_RESTARTS"] = "4",
            ["SSHKEEP_ATTEMPTS"] = "9",
        }, environment);
    }

    [Fact]
    public void The_first_status_of_a_tunnel_comes_after_starting()
    {
        var next = new TunnelStatus { Name = "db", State = TunnelState.Up, Since = Since };

        var environment = HookEnvironment.For(HookEvent.Up, Transitions.First(next, Now));

        Assert.Equal("starting", environment["SSHKEEP_PREVIOUS_STATE"]);
        Assert.Equal("needs-attention", HookEnvironment.For(HookEvent.NeedsAttention, Transitions.First(next with { State = TunnelState.NeedsAttention }, Now))["SSHKEEP_EVENT"]);
    }

    [Theory]
    [InlineData(null, null, "")]
    [InlineData("probe-failed", null, "probe-failed")]
    [InlineData(null, "cannot run /nope: No such file", "cannot run /nope: No such file")]
    [InlineData("permanent", "Permission denied (publickey).", "permanent: Permission denied (publickey).")]
    [InlineData("exited", "line one\nline\ttwo\r", "exited: line one line two ")]
    public void The_reason_is_the_restart_reason_and_the_last_error_on_one_line(string? reason, string? error, string expected)
    {
        var status = new TunnelStatus { Name = "db", State = TunnelState.Backoff, Since = Since, LastRestartReason = reason, LastError = error };

        Assert.Equal(expected, HookEnvironment.Reason(status));
    }

    [Fact]
    public void A_runaway_reason_is_cut()
    {
        var status = new TunnelStatus { Name = "db", State = TunnelState.Backoff, Since = Since, LastError = new string('x', 2000) };

        var reason = HookEnvironment.Reason(status);

        Assert.Equal(HookEnvironment.MaxReasonLength, reason.Length);
        Assert.EndsWith("x…", reason, StringComparison.Ordinal);
    }
}
