using System.Net;
using SshKeep.Config;
using SshKeep.Health;

namespace SshKeep.Tests.Health;

public class ProbeTargetsTests
{
    [Theory]
    [InlineData(null, "127.0.0.1")]
    [InlineData("localhost", "127.0.0.1")]
    [InlineData("*", "127.0.0.1")]
    [InlineData("0.0.0.0", "127.0.0.1")]
    [InlineData("::", "::1")]
    [InlineData("127.0.0.5", "127.0.0.5")]
    [InlineData("::1", "::1")]
    [InlineData("myhost", "127.0.0.1")]
    public void A_local_listener_is_reached_on_its_bind_address_or_loopback_for_wildcards_and_names(string? bind, string expected)
    {
        var forward = new ForwardSpec(ForwardKind.Local, bind, 15432, "db", 5432);

        Assert.Equal(IPAddress.Parse(expected), ForwardProbe.LocalListener(forward));
    }

    [Theory]
    [InlineData(null, "127.0.0.1")]
    [InlineData("localhost", "127.0.0.1")]
    [InlineData("*", "127.0.0.1")]
    [InlineData("0.0.0.0", "127.0.0.1")]
    [InlineData("::", "127.0.0.1")]
    [InlineData("127.0.0.1", "127.0.0.1")]
    [InlineData("10.0.0.5", "10.0.0.5|127.0.0.1")]
    [InlineData("::1", "::1|127.0.0.1")]
    [InlineData("gateway.lan", "gateway.lan|127.0.0.1")]
    public void A_remote_listener_is_tried_on_its_specific_bind_first_then_on_loopback(string? bind, string expected)
    {
        var forward = new ForwardSpec(ForwardKind.Remote, bind, 8080, "localhost", 80);

        Assert.Equal(expected.Split('|'), ForwardProbe.RemoteListenerHosts(forward));
    }
}
