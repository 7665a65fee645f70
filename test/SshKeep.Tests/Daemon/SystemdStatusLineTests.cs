using SshKeep.Daemon;
using SshKeep.Supervision;

namespace SshKeep.Tests.Daemon;

/// <summary>
/// The STATUS= line. Tunnels are written "name=state[:detail]": up, starting, stopped,
/// backoff:SECONDS-TO-NEXT-RETRY, wait:PORT, attention:REASON (with _ for spaces).
/// </summary>
public sealed class SystemdStatusLineTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 8, 24, 10, TimeSpan.Zero);

    [Theory]
    [InlineData("a=up b=up", "2/2 up")]
    [InlineData("a=up b=up c=up d=backoff:4", "3/4 up; d: backoff 4s")]
    [InlineData("web=wait:8080", "0/1 up; web: waiting-for-remote-port 8080")]
    [InlineData("web=wait", "0/1 up; web: waiting-for-remote-port")]
    [InlineData("db=up api=attention:authentication_refused", "1/2 up; api: needs-attention (authentication refused)")]
    [InlineData("db=up api=attention", "1/2 up; api: needs-attention")]
    [InlineData("db=starting", "0/1 up; db: starting")]
    // the most important problem first, the others counted
    [InlineData("a=backoff:4 b=wait:8080 c=attention:host_key_mismatch", "0/3 up; c: needs-attention (host key mismatch); +2 more")]
    [InlineData("a=starting b=backoff:2", "0/2 up; b: backoff 2s; +1 more")]
    [InlineData("a=backoff:4 b=backoff:9", "0/2 up; a: backoff 4s; +1 more")]
    [InlineData("a=starting b=wait:80 c=backoff:1", "0/3 up; b: waiting-for-remote-port 80; +2 more")]
    // the countdown is rounded up to whole seconds, longer ones in minutes
    [InlineData("a=backoff:0.3", "0/1 up; a: backoff 1s")]
    [InlineData("a=backoff:29.2", "0/1 up; a: backoff 30s")]
    [InlineData("a=backoff:300", "0/1 up; a: backoff 5m00s")]
    // a retry that is due (or unknown) has no countdown
    [InlineData("a=backoff:0", "0/1 up; a: backoff")]
    [InlineData("a=backoff:-3", "0/1 up; a: backoff")]
    [InlineData("a=backoff", "0/1 up; a: backoff")]
    // stopped tunnels are neither counted nor shown
    [InlineData("a=up b=stopped", "1/1 up")]
    [InlineData("a=stopped", "no tunnels to keep up")]
    [InlineData("", "no tunnels to keep up")]
    public void Status_line_counts_tunnels_up_and_names_the_most_important_problem(string tunnels, string expected)
    {
        Assert.Equal(expected, SystemdStatusLine.Build(Parse(tunnels), Now));
    }

    [Fact]
    public void A_long_needs_attention_reason_is_cut()
    {
        var tunnel = Status("api", TunnelState.NeedsAttention) with { LastError = "  " + new string('r', 100) + "  " };

        string line = SystemdStatusLine.Build([tunnel], Now);

        Assert.Equal("0/1 up; api: needs-attention (" + new string('r', SystemdStatusLine.MaxReasonLength - 1) + "…)", line);
    }

    private static List<TunnelStatus> Parse(string tunnels) =>
        [.. tunnels.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(t =>
        {
            // The name is before '=', the state before the first ':', the detail after it.
            string name = t[..t.IndexOf('=', StringComparison.Ordinal)];
            string rest = t[(name.Length + 1)..].Replace('_', ' ');
            int colon = rest.IndexOf(':', StringComparison.Ordinal);
            string state = colon < 0 ? rest : rest[..colon];
            string? detail = colon < 0 ? null : rest[(colon + 1)..];
            return state switch
            {
                "up" => Status(name, TunnelState.Up),
                "starting" => Status(name, TunnelState.Starting),
                "stopped" => Status(name, TunnelState.Stopped),
                "backoff" => Status(name, TunnelState.Backoff) with
                {
                    NextRetry = detail is null ? null : Now.AddSeconds(double.Parse(detail, System.Globalization.CultureInfo.InvariantCulture)),
                },
                "wait" => Status(name, TunnelState.WaitingForRemotePort) with
                {
                    HeldRemotePort = detail is null ? null : int.Parse(detail, System.Globalization.CultureInfo.InvariantCulture),
                },
                "attention" => Status(name, TunnelState.NeedsAttention) with { LastError = detail },
                _ => throw new ArgumentException(t),
            };
        })];

    private static TunnelStatus Status(string name, TunnelState state) =>
        new() { Name = name, State = state, Since = Now.AddMinutes(-1) };
}
