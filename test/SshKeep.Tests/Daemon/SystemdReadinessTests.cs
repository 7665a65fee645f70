using SshKeep.Config;
using SshKeep.Daemon;
using SshKeep.Supervision;

namespace SshKeep.Tests.Daemon;

/// <summary>When READY=1 is due (docs/daemon.md "Readiness"). Tunnels are written "state/flags": E = has been up, A = first attempt done.</summary>
public sealed class SystemdReadinessTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Theory]
    // all-up: every counted tunnel has been up once
    [InlineData(ReadyWhen.AllUp, "Up/EA Up/EA", false, 0, SystemdReporter.Readiness.Ready)]
    [InlineData(ReadyWhen.AllUp, "Up/EA Starting/-", false, 0, SystemdReporter.Readiness.Wait)]
    [InlineData(ReadyWhen.AllUp, "Up/EA Backoff/A", false, 0, SystemdReporter.Readiness.Wait)]
    [InlineData(ReadyWhen.AllUp, "Up/EA WaitingForRemotePort/A", false, 0, SystemdReporter.Readiness.Wait)]
    // a permanent failure (needs-attention) is settled at once: no wait can fix a wrong key
    [InlineData(ReadyWhen.AllUp, "Up/EA NeedsAttention/A", false, 0, SystemdReporter.Readiness.Ready)]
    [InlineData(ReadyWhen.AllUp, "NeedsAttention/A NeedsAttention/A", false, 0, SystemdReporter.Readiness.Ready)]
    [InlineData(ReadyWhen.AllUp, "NeedsAttention/A Backoff/A", false, 0, SystemdReporter.Readiness.Wait)]
    // a transient one holds READY=1 back until ready_timeout, then READY=1 goes out anyway
    [InlineData(ReadyWhen.AllUp, "Up/EA Backoff/A", false, 29.9, SystemdReporter.Readiness.Wait)]
    [InlineData(ReadyWhen.AllUp, "Up/EA Backoff/A", false, 30, SystemdReporter.Readiness.ReadyAfterTimeout)]
    [InlineData(ReadyWhen.AllUp, "Up/EA Starting/-", false, 31, SystemdReporter.Readiness.ReadyAfterTimeout)]
    [InlineData(ReadyWhen.AllUp, "WaitingForRemotePort/A NeedsAttention/A", false, 30, SystemdReporter.Readiness.ReadyAfterTimeout)]
    // all settled before the timeout: plain ready, whatever the time
    [InlineData(ReadyWhen.AllUp, "Up/EA NeedsAttention/A", false, 45, SystemdReporter.Readiness.Ready)]
    // once up is enough: a tunnel that went down again after being up does not hold READY back
    [InlineData(ReadyWhen.AllUp, "Up/EA Backoff/EA", false, 0, SystemdReporter.Readiness.Ready)]
    // disabled and removed tunnels (stopped) are not waited for
    [InlineData(ReadyWhen.AllUp, "Up/EA Stopped/-", false, 0, SystemdReporter.Readiness.Ready)]
    [InlineData(ReadyWhen.AllUp, "Stopped/-", false, 0, SystemdReporter.Readiness.Ready)]
    [InlineData(ReadyWhen.AllUp, "", false, 0, SystemdReporter.Readiness.Ready)]
    // first-attempt: every counted tunnel's first attempt has an outcome, whatever it was
    [InlineData(ReadyWhen.FirstAttempt, "Up/EA Backoff/A", false, 0, SystemdReporter.Readiness.Ready)]
    [InlineData(ReadyWhen.FirstAttempt, "NeedsAttention/A WaitingForRemotePort/A", false, 0, SystemdReporter.Readiness.Ready)]
    [InlineData(ReadyWhen.FirstAttempt, "Up/EA Starting/-", false, 0, SystemdReporter.Readiness.Wait)]
    [InlineData(ReadyWhen.FirstAttempt, "Starting/-", false, 0, SystemdReporter.Readiness.Wait)]
    [InlineData(ReadyWhen.FirstAttempt, "Starting/-", false, 30, SystemdReporter.Readiness.ReadyAfterTimeout)]
    [InlineData(ReadyWhen.FirstAttempt, "Starting/E", false, 0, SystemdReporter.Readiness.Ready)]
    // never twice
    [InlineData(ReadyWhen.AllUp, "Up/EA Up/EA", true, 0, SystemdReporter.Readiness.AlreadySent)]
    [InlineData(ReadyWhen.FirstAttempt, "Backoff/A", true, 0, SystemdReporter.Readiness.AlreadySent)]
    [InlineData(ReadyWhen.AllUp, "Backoff/A", true, 60, SystemdReporter.Readiness.AlreadySent)]
    public void Ready_is_due_once_when_every_tunnel_is_settled_or_the_ready_timeout_has_passed(object readyWhenRow, string tunnels, bool alreadySent, double elapsedSeconds, object expectedRow)
    {
        var readyWhen = (ReadyWhen)readyWhenRow;
        var expected = (SystemdReporter.Readiness)expectedRow;
        Assert.Equal(expected, SystemdReporter.DecideReadiness(readyWhen, Parse(tunnels), alreadySent, TimeSpan.FromSeconds(elapsedSeconds), Timeout));
    }

    private static List<ListedTunnel> Parse(string tunnels) =>
        [.. tunnels.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select((t, i) =>
        {
            var parts = t.Split('/');
            return new ListedTunnel(new TunnelStatus { Name = $"t{i}", State = Enum.Parse<TunnelState>(parts[0]), Since = DateTimeOffset.UnixEpoch },
                EverUp: parts[1].Contains('E', StringComparison.Ordinal), Attempted: parts[1].Contains('A', StringComparison.Ordinal));
        })];
}
