using System.Net.Sockets;
using SshKeep.Health;

namespace SshKeep.Tests.Health;

/// <summary><c>ssh -G</c> output (as OpenSSH 9.2 prints it, cut down) → where ssh connects.</summary>
public sealed class EffectiveSshConfigTests
{
    [Theory]
    [InlineData("host db\nuser deploy\nhostname db.example.com\nport 2222\naddressfamily any\n", "db.example.com", 2222)]
    [InlineData("hostname 127.0.0.1\nport 22\n", "127.0.0.1", 22)]
    [InlineData("hostname ::1\nport 22\n", "::1", 22)]
    [InlineData("hostname h\r\nport 2200\r\n", "h", 2200)]
    [InlineData("HostName h\nPort 2200\n", "h", 2200)]
    [InlineData("hostname h\n", "h", 22)]
    [InlineData("hostname h\nport 0\n", "h", 22)]
    [InlineData("hostname h\nport 65536\n", "h", 22)]
    [InlineData("hostname h\nport -1\n", "h", 22)]
    [InlineData("hostname h\nport twenty\n", "h", 22)]
    [InlineData("hostname h\nport\n", "h", 22)]
    [InlineData("hostname first\nhostname second\n", "second", 22)]
    [InlineData("hostname ok\nhostname bad name\n", "ok", 22)]
    public void Hostname_and_port_come_from_their_lines(string output, string hostName, int port)
    {
        var config = EffectiveSshConfig.Parse(output);

        Assert.NotNull(config);
        Assert.Equal(hostName, config.HostName);
        Assert.Equal(port, config.Port);
        Assert.Null(config.ProxyJump ?? config.ProxyCommand);
    }

    [Theory]
    [InlineData("")]
    [InlineData("user deploy\nport 22\n")]
    [InlineData("hostname\n")]
    [InlineData("hostname has space\n")]
    [InlineData("hostname tab\there\n")]
    [InlineData("hostname bell\a\n")]
    public void Without_a_usable_hostname_there_is_nothing_to_check(string output)
    {
        Assert.Null(EffectiveSshConfig.Parse(output));
    }

    [Fact]
    public void A_hostname_longer_than_a_dns_name_is_refused()
    {
        Assert.Null(EffectiveSshConfig.Parse($"hostname {new string('a', 256)}\n"));
    }

    [Theory]
    [InlineData("hostname h\nproxyjump jump@bastion:2222\n", "jump@bastion:2222", null)]
    [InlineData("hostname h\nproxycommand nc -X connect -x proxy:3128 %h %p\n", null, "nc -X connect -x proxy:3128 %h %p")]
    [InlineData("hostname h\nproxyjump none\nproxycommand none\n", null, null)]
    [InlineData("hostname h\nproxyusefdpass no\n", null, null)]
    public void Proxies_are_read_and_none_means_none(string output, string? jump, string? command)
    {
        var config = EffectiveSshConfig.Parse(output)!;

        Assert.Equal(jump, config.ProxyJump);
        Assert.Equal(command, config.ProxyCommand);
    }

    [Theory]
    [InlineData("any", AddressFamily.Unspecified)]
    [InlineData("inet", AddressFamily.InterNetwork)]
    [InlineData("inet6", AddressFamily.InterNetworkV6)]
    [InlineData("INET6", AddressFamily.InterNetworkV6)]
    [InlineData("bogus", AddressFamily.Unspecified)]
    public void The_address_family_narrows_the_resolution(string value, AddressFamily family)
    {
        Assert.Equal(family, EffectiveSshConfig.Parse($"hostname h\naddressfamily {value}\n")!.AddressFamily);
    }
}
