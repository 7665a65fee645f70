using System.Text.Json;
using SshKeep.Cli.Doctor;
using SshKeep.Daemon;
using SshKeep.Hooks;
using SshKeep.Supervision;

namespace SshKeep.Tests;

/// <summary>Every enum value users see has one dashed lower-case name, made by the JSON
/// library's kebab-case policy and written the same into JSON.</summary>
public sealed class KebabNameTests
{
    [Theory]
    [InlineData(TunnelState.Starting, "starting")]
    [InlineData(TunnelState.Up, "up")]
    [InlineData(TunnelState.Backoff, "backoff")]
    [InlineData(TunnelState.WaitingForRemotePort, "waiting-for-remote-port")]
    [InlineData(TunnelState.NeedsAttention, "needs-attention")]
    [InlineData(TunnelState.Stopped, "stopped")]
    public void Each_state_has_one_dashed_lower_case_name_that_reads_back_and_is_its_json(object stateRow, string name)
    {
        var state = (TunnelState)stateRow;
        Assert.Equal(name, KebabName.Of(state));
        Assert.True(KebabName.TryParse(name, out TunnelState parsed));
        Assert.Equal(state, parsed);
        Assert.Equal($"\"{name}\"", JsonSerializer.Serialize(state, Options));
        Assert.Equal(state, JsonSerializer.Deserialize<TunnelState>($"\"{name}\"", Options));
    }

    [Theory]
    [InlineData(ControlCommand.Status, "status")]
    [InlineData(ControlCommand.Restart, "restart")]
    [InlineData(ControlCommand.RetryNow, "retry-now")]
    [InlineData(ControlCommand.Reload, "reload")]
    [InlineData(ControlCommand.Stop, "stop")]
    public void Each_control_command_is_named_as_its_cli_verb(object commandRow, string name)
    {
        var command = (ControlCommand)commandRow;
        Assert.Equal(name, KebabName.Of(command));
        Assert.True(KebabName.TryParse(name, out ControlCommand parsed));
        Assert.Equal(command, parsed);
    }

    [Theory]
    [InlineData(HookEvent.Up, "up")]
    [InlineData(HookEvent.Down, "down")]
    [InlineData(HookEvent.NeedsAttention, "needs-attention")]
    public void Each_hook_event_has_its_dashed_name(object hookEventRow, string name)
    {
        var hookEvent = (HookEvent)hookEventRow;
        Assert.Equal(name, KebabName.Of(hookEvent));
    }

    [Theory]
    [InlineData(DoctorVerdict.Ok, "ok")]
    [InlineData(DoctorVerdict.Info, "info")]
    [InlineData(DoctorVerdict.Warn, "warn")]
    [InlineData(DoctorVerdict.Fail, "fail")]
    public void Each_doctor_verdict_has_its_lower_case_name(object verdictRow, string name)
    {
        var verdict = (DoctorVerdict)verdictRow;
        Assert.Equal(name, KebabName.Of(verdict));
    }

    [Theory]
    [InlineData("Up")]
    [InlineData("WaitingForRemotePort")]
    [InlineData("waiting_for_remote_port")]
    [InlineData("1")]
    [InlineData("")]
    [InlineData(null)]
    public void Other_spellings_are_not_states(string? name) => Assert.False(KebabName.TryParse(name, out TunnelState _));

    [Fact]
    public void A_number_is_not_a_state_in_json() =>
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<TunnelState>("1", Options));

    private static readonly JsonSerializerOptions Options = new() { Converters = { new KebabCaseEnumJsonConverter<TunnelState>() } };
}
