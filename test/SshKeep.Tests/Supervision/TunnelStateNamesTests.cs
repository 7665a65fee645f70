using SshKeep.Supervision;

namespace SshKeep.Tests.Supervision;

public sealed class TunnelStateNamesTests
{
    [Theory]
    [InlineData(TunnelState.Starting, "starting")]
    [InlineData(TunnelState.Up, "up")]
    [InlineData(TunnelState.Backoff, "backoff")]
    [InlineData(TunnelState.WaitingForRemotePort, "waiting-for-remote-port")]
    [InlineData(TunnelState.NeedsAttention, "needs-attention")]
    [InlineData(TunnelState.Stopped, "stopped")]
    public void Each_state_has_one_dashed_lower_case_name_that_reads_back(TunnelState state, string name)
    {
        Assert.Equal(name, TunnelStateNames.ToName(state));
        Assert.True(TunnelStateNames.TryParse(name, out var parsed));
        Assert.Equal(state, parsed);
    }

    [Fact]
    public void Every_state_of_the_enum_has_a_name()
    {
        foreach (var state in Enum.GetValues<TunnelState>()) Assert.NotEmpty(TunnelStateNames.ToName(state));
    }

    [Theory]
    [InlineData("Up")]
    [InlineData("WaitingForRemotePort")]
    [InlineData("waiting_for_remote_port")]
    [InlineData("")]
    [InlineData(null)]
    public void Other_spellings_are_not_states(string? name) => Assert.False(TunnelStateNames.TryParse(name, out _));
}
