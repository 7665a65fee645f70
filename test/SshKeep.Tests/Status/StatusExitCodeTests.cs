using SshKeep.Daemon;
using SshKeep.Status;
using SshKeep.Supervision;
using SshKeep.Tests.Daemon;

namespace SshKeep.Tests.Status;

public sealed class StatusExitCodeTests
{
    [Theory]
    [InlineData(new TunnelState[0], 0)]
    [InlineData(new[] { TunnelState.Up }, 0)]
    [InlineData(new[] { TunnelState.Up, TunnelState.Up }, 0)]
    [InlineData(new[] { TunnelState.Up, TunnelState.Stopped }, 0)]       // disabled in the config: not expected to run
    [InlineData(new[] { TunnelState.Stopped }, 0)]
    [InlineData(new[] { TunnelState.Up, TunnelState.Starting }, 1)]      // not up yet is not up
    [InlineData(new[] { TunnelState.Up, TunnelState.Backoff }, 1)]
    [InlineData(new[] { TunnelState.WaitingForRemotePort }, 1)]
    [InlineData(new[] { TunnelState.NeedsAttention, TunnelState.Up }, 1)]
    public void Zero_when_every_tunnel_that_should_run_is_up_otherwise_one(object statesRow, int exitCode)
    {
        var states = (TunnelState[])statesRow;
        var snapshot = StatusSamples.Snapshot with
        {
            Tunnels = [.. states.Select((state, i) => new TunnelStatus { Name = $"t{i}", State = state, Since = StatusSamples.Now })],
        };

        Assert.Equal(exitCode, StatusExitCode.For(snapshot));
        Assert.Equal(exitCode, StatusExitCode.For(ControlCallResult.Answered(ControlResponse.Success(status: snapshot))));
    }

    [Fact]
    public void Three_when_no_daemon_runs_and_four_when_the_status_cannot_be_learned()
    {
        Assert.Equal(3, StatusExitCode.For(ControlCallResult.NoDaemon("no control socket")));
        Assert.Equal(4, StatusExitCode.For(ControlCallResult.Failed("permission denied")));
        Assert.Equal(4, StatusExitCode.For(ControlCallResult.Answered(ControlResponse.Failure(ControlErrors.Busy, "busy"))));
        Assert.Equal(4, StatusExitCode.For(ControlCallResult.Answered(ControlResponse.Success("no status"))));
    }

    [Fact]
    public void The_sample_with_every_state_is_not_all_up() =>
        Assert.Equal(1, StatusExitCode.For(StatusSamples.Snapshot));
}
