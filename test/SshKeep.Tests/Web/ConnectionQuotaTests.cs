using SshKeep.Web;

namespace SshKeep.Tests.Web;

/// <summary>Who may keep how many HTTP connections open (pure, as a table).</summary>
public sealed class ConnectionQuotaTests
{
    [Theory]
    // Steps: +key admits (T: trusted), -key releases; expected: y admitted, n refused, for each + step.
    [InlineData("+a +a +a", "y y n")]
    [InlineData("+a +a -a +a", "y y y")]
    [InlineData("+a +a +b", "y y y")]
    [InlineData("+a +b +c +d", "y y y n")]          // three from others at most, together
    [InlineData("+a +a +Ta +Ta +Tb +Tb +Tb", "y y y y y y y")] // the daemon's own uid and root: never refused, never counted
    [InlineData("+a +b +c -b +d", "y y y y")]
    public void Others_get_a_few_each_and_some_together_and_the_owner_always_gets_in(string steps, string expected)
    {
        var quota = new ConnectionQuota(perPeer: 2, allOthers: 3);
        var answers = new List<string>();

        foreach (var step in steps.Split(' '))
        {
            var trusted = step[1] == 'T';
            var key = step[(trusted ? 2 : 1)..];
            if (step[0] == '+') answers.Add(quota.TryAdmit(key, trusted) is null ? "y" : "n");
            else quota.Release(key, trusted);
        }

        Assert.Equal(expected, string.Join(' ', answers));
    }

    [Fact]
    public void A_refusal_says_whose_connections_are_too_many()
    {
        var quota = new ConnectionQuota(perPeer: 1, allOthers: 5);
        quota.TryAdmit("uid 65534", trusted: false);

        Assert.Equal("uid 65534 already has 1 connections open, the most for anyone but the daemon's own uid and root", quota.TryAdmit("uid 65534", trusted: false));
    }
}
