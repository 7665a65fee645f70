using SshKeep.Daemon;
using SshKeep.Status;
using SshKeep.Tests.Daemon;

namespace SshKeep.Tests.Status;

public sealed class StatusViewTests
{
    private const string Config = "tunnels.yaml";

    [Fact]
    public void An_answer_prints_the_table_and_exits_by_the_tunnels()
    {
        var answer = ControlCallResult.Answered(ControlResponse.Success(status: StatusSamples.Answered));

        var output = StatusView.Render(answer, Config, StatusSamples.Now, json: false);

        // Held ports' counts are for --json, /metrics and the page: the table is the same without them.
        Assert.Equal(new StatusOutput(StatusTable.Render(StatusSamples.Snapshot, StatusSamples.Now), "", 1), output);
    }

    [Fact]
    public void An_answer_with_json_prints_the_json()
    {
        var answer = ControlCallResult.Answered(ControlResponse.Success(status: StatusSamples.Answered));

        var output = StatusView.Render(answer, Config, StatusSamples.Now, json: true);

        Assert.Equal(StatusJson.Render(StatusSamples.Answered, StatusSamples.Now), output.StandardOutput);
        Assert.Equal(1, output.ExitCode);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void No_daemon_prints_nothing_on_standard_output_and_exits_three(bool json)
    {
        var output = StatusView.Render(ControlCallResult.NoDaemon("no control socket at \"/run/sshkeep/control-t.sock\""), Config, StatusSamples.Now, json);

        Assert.Equal(new StatusOutput("", "sshkeep: no sshkeep runs tunnels.yaml (no control socket at \"/run/sshkeep/control-t.sock\")\n", 3), output);
    }

    [Fact]
    public void A_failed_call_says_why_and_exits_four()
    {
        var output = StatusView.Render(ControlCallResult.Failed("no answer from the daemon within 30 s"), Config, StatusSamples.Now, json: false);

        Assert.Equal(new StatusOutput("", "sshkeep: cannot get the status of tunnels.yaml: no answer from the daemon within 30 s\n", 4), output);
    }

    [Fact]
    public void A_refusal_by_the_daemon_says_why_and_exits_four()
    {
        var output = StatusView.Render(ControlCallResult.Answered(ControlResponse.Failure(ControlErrors.Busy, "too many")), Config, StatusSamples.Now, json: false);

        Assert.Equal(new StatusOutput("", "sshkeep: the daemon running tunnels.yaml refused status: busy: too many\n", 4), output);
    }
}
