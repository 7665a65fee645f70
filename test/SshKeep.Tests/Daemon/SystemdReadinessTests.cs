using SshKeep.Config;
using SshKeep.Daemon;
using SshKeep.Supervision;

namespace SshKeep.Tests.Daemon;

/// <summary>When READY=1 is due. Tunnels are written "state/flags": E = has been up, A = first attempt done.</summary>
public sealed class SystemdReadinessTests
{
    [Theory]
    // all-up: every counted tunnel has been up once
    [InlineData(ReadyWhen.AllUp, "Up/EA Up/EA", false, true)]
    [InlineData(ReadyWhen.AllUp, "Up/EA Starting/-", false, false)]
    [InlineData(ReadyWhen.AllUp, "Up/EA Backoff/A", false, false)]
    [InlineData(ReadyWhen.AllUp, "Up/EA NeedsAttention/A", false, false)]
    [InlineData(ReadyWhen.AllUp, "Up/EA WaitingForRemotePort/A", false, false)]
    // once up is enough: a tunnel that went down again after being up does not hold READY back
    [InlineData(ReadyWhen.AllUp, "Up/EA Backoff/EA", false, true)]
    // disabled and removed tunnels (stopped) are not waited for
    [InlineData(ReadyWhen.AllUp, "Up/EA Stopped/-", false, true)]
    [InlineData(ReadyWhen.AllUp, "Stopped/-", false, true)]
    [InlineData(ReadyWhen.AllUp, "", false, true)]
    // first-attempt: every counted tunnel's first attempt has an outcome, whatever it was
    [InlineData(ReadyWhen.FirstAttempt, "Up/EA Backoff/A", false, true)]
    [InlineData(ReadyWhen.FirstAttempt, "NeedsAttention/A WaitingForRemotePort/A", false, true)]
    [InlineData(ReadyWhen.FirstAttempt, "Up/EA Starting/-", false, false)]
    [InlineData(ReadyWhen.FirstAttempt, "Starting/-", false, false)]
    [InlineData(ReadyWhen.FirstAttempt, "Starting/E", false, true)]
    // never twice
    [InlineData(ReadyWhen.AllUp, "Up/EA Up/EA", true, false)]
    [InlineData(ReadyWhen.FirstAttempt, "Backoff/A", true, false)]
    public void Ready_is_due_once_when_the_configured_rule_is_met(ReadyWhen readyWhen, string tunnels, bool alreadySent, bool due)
    {
        Assert.Equal(due, SystemdReadiness.IsDue(readyWhen, Parse(tunnels), alreadySent));
    }

    private static List<SystemdTunnelProgress> Parse(string tunnels) =>
        [.. tunnels.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select((t, i) =>
        {
            var parts = t.Split('/');
            return new SystemdTunnelProgress($"t{i}", Enum.Parse<TunnelState>(parts[0]),
                EverUp: parts[1].Contains('E', StringComparison.Ordinal), Attempted: parts[1].Contains('A', StringComparison.Ordinal));
        })];
}
