using System.Text.Json;
using SshKeep.Config;
using SshKeep.Daemon;
using SshKeep.Forwarding;
using SshKeep.Status;

namespace SshKeep.Tests.Daemon;

/// <summary>The status answer's held ports (docs/held-ports.md, "Counts"): added to the tunnels that hold them, and
/// carried whole through the control socket's JSON.</summary>
public sealed class StatusSnapshotTests
{
    [Fact]
    public void Forwards_go_to_the_tunnels_that_hold_them_and_the_others_stay_as_they_were()
    {
        var counts = new HeldForwardCounts(3, 1, 1, 0, new long[HeldForward.WaitBounds.Length + 1], 0.25);
        var snapshot = StatusSamples.Snapshot.WithForwards(new Dictionary<string, IReadOnlyList<HeldForwardReading>>
        {
            ["db"] = [new("5432", ForwardKind.Local, counts)],
            ["gone"] = [new("9999", ForwardKind.Local, counts)],
        });

        Assert.Equal("5432", Assert.Single(snapshot.Tunnels[1].Forwards!).Listen);
        Assert.Equal(StatusSamples.Snapshot.Tunnels.Select(t => t.Name), snapshot.Tunnels.Select(t => t.Name));
        Assert.All(snapshot.Tunnels.Where(t => t.Name != "db"),
            t => Assert.Same(StatusSamples.Snapshot.Tunnels.Single(s => s.Name == t.Name), t));
    }

    [Fact]
    public void With_no_port_held_the_snapshot_is_the_one_status_json_holds()
    {
        Assert.Same(StatusSamples.Snapshot, StatusSamples.Snapshot.WithForwards(new Dictionary<string, IReadOnlyList<HeldForwardReading>>()));
    }

    [Fact]
    public void The_control_socket_s_answer_carries_every_count_to_the_cli()
    {
        var answer = ControlResponse.Success(status: StatusSamples.Answered);
        var wire = DaemonJsonContext.ToUtf8(answer, DaemonJsonContext.Default.ControlResponse, indented: false);

        var read = JsonSerializer.Deserialize(wire, DaemonJsonContext.Default.ControlResponse)!.Status!;

        Assert.Equal(StatusJson.Render(StatusSamples.Answered, StatusSamples.Now), StatusJson.Render(read, StatusSamples.Now));
        var web = read.Tunnels[0].Forwards![0];
        Assert.Equal(StatusSamples.Answered.Tunnels[0].Forwards![0].Counts.WaitBuckets, web.Counts.WaitBuckets);
        Assert.Null(read.Tunnels[2].Forwards);
    }
}
