using SshKeep.Config;
using SshKeep.Supervision;

namespace SshKeep.Tests.Supervision;

public class ReloadPlanTests
{
    private static TunnelConfig Tunnel(string name, int port = 8080, string destination = "u@h") => new()
    {
        Name = name,
        Destinations = [destination],
        Forwards = [new ForwardSpec(ForwardKind.Local, null, port, "localhost", 80)],
    };

    [Fact]
    public void Tunnels_are_matched_by_name_and_sorted_into_removed_added_changed_and_unchanged()
    {
        var plan = ReloadPlan.Between(
            [Tunnel("keep"), Tunnel("change"), Tunnel("drop")],
            [Tunnel("keep"), Tunnel("change", port: 9090), Tunnel("new")]);

        Assert.Equal(["drop"], plan.Removed);
        Assert.Equal(["new"], plan.Added.Select(t => t.Name));
        Assert.Equal(["change"], plan.Changed.Select(t => t.Name));
        Assert.Equal(["keep"], plan.Unchanged);
    }

    [Fact]
    public void Reloading_the_same_file_changes_nothing()
    {
        var plan = ReloadPlan.Between([Tunnel("a"), Tunnel("b")], [Tunnel("a"), Tunnel("b")]);

        Assert.Equal(0, plan.Removed.Count + plan.Added.Count + plan.Changed.Count);
        Assert.Equal(["a", "b"], plan.Unchanged);
    }

    [Fact]
    public void A_changed_ssh_option_counts_as_a_change()
    {
        var before = Tunnel("a");
        var after = before with { SshOptions = [new("ProxyJump", "gw")] };

        Assert.Equal(["a"], ReloadPlan.Between([before], [after]).Changed.Select(t => t.Name));
    }
}
