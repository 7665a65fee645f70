using System.Net;
using System.Net.Sockets;
using SshKeep.Config;
using SshKeep.Health;
using SshKeep.Ssh;
using SshKeep.Tests.Fakes;
using SshKeep.Tests.Integration.Infrastructure;

namespace SshKeep.Tests.Health;

/// <summary>From ssh's effective configuration to the endpoints to check: proxies and literals on
/// parsed records, then the real <c>ssh -G</c> on 127.0.0.1 (no user config: <c>-F /dev/null</c>).</summary>
public sealed class ServerAddressTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task An_address_literal_is_checked_as_is_with_its_port()
    {
        var config = new EffectiveSshConfig("192.0.2.5", 2222, null, null, AddressFamily.Unspecified);

        var endpoint = await config.ResolveAsync(new ManualTimeProvider(), Generous, CancellationToken.None);

        Assert.Equal(IPEndPoint.Parse("192.0.2.5:2222"), endpoint);
    }

    [Fact]
    public async Task An_ipv6_literal_is_checked_as_is()
    {
        var config = new EffectiveSshConfig("2001:db8::5", 22, null, null, AddressFamily.Unspecified);

        var endpoint = await config.ResolveAsync(new ManualTimeProvider(), Generous, CancellationToken.None);

        Assert.Equal(IPEndPoint.Parse("[2001:db8::5]:22"), endpoint);
    }

    [Theory]
    [InlineData("jump@bastion", null)]
    [InlineData(null, "nc %h %p")]
    public async Task A_server_behind_a_proxy_is_not_checked(string? jump, string? command)
    {
        var config = new EffectiveSshConfig("192.0.2.5", 22, jump, command, AddressFamily.Unspecified);

        Assert.Null(await config.ResolveAsync(new ManualTimeProvider(), Generous, CancellationToken.None));
    }

    [Fact]
    public async Task An_ipv4_literal_with_addressfamily_inet6_has_no_address_ssh_would_use()
    {
        var config = new EffectiveSshConfig("192.0.2.5", 22, null, null, AddressFamily.InterNetworkV6);

        Assert.Null(await config.ResolveAsync(new ManualTimeProvider(), Generous, CancellationToken.None));
    }

    [Fact]
    public async Task Localhost_resolves_through_the_hosts_file_to_loopback()
    {
        var config = new EffectiveSshConfig("localhost", 2200, null, null, AddressFamily.InterNetwork);

        var endpoint = await config.ResolveAsync(TimeProvider.System, Generous, CancellationToken.None);

        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 2200), endpoint);
    }

    [SshdFact]
    public async Task The_real_ssh_G_gives_the_destination_and_port_of_the_command_line()
    {
        var endpoint = await ServerReachability.LookupAsync(
            "ssh", ["-F", "/dev/null", "-N", "-T", "-o", "BatchMode=yes", "-L", "15432:db:5432", "-p", "2222", "--", "deploy@127.0.0.1"],
            TimeProvider.System, Generous, CancellationToken.None);

        Assert.Equal(IPEndPoint.Parse("127.0.0.1:2222"), endpoint);
    }

    [SshdFact]
    public async Task The_real_ssh_G_accepts_a_daemon_tunnels_whole_argv()
    {
        var tunnel = new TunnelConfig
        {
            Name = "db",
            Destinations = ["deploy@127.0.0.1"],
            Port = 2200,
            SshOptions = [new("UserKnownHostsFile", "/dev/null")],
            Forwards = [new ForwardSpec(ForwardKind.Local, "127.0.0.1", 15432, "db.internal", 5432)],
        };

        var endpoint = await ServerReachability.LookupAsync(
            "ssh", ["-F", "/dev/null", .. TunnelSshArguments.Build(tunnel)], TimeProvider.System, Generous, CancellationToken.None);

        Assert.Equal(IPEndPoint.Parse("127.0.0.1:2200"), endpoint);
    }

    [SshdFact]
    public async Task The_real_ssh_G_reports_a_jump_host_as_behind_a_proxy()
    {
        var endpoint = await ServerReachability.LookupAsync(
            "ssh", ["-F", "/dev/null", "-J", "jump@127.0.0.2:2200", "127.0.0.1"], TimeProvider.System, Generous, CancellationToken.None);

        Assert.Null(endpoint);
    }

    [SshdFact]
    public async Task Options_ssh_refuses_give_no_address()
    {
        var endpoint = await ServerReachability.LookupAsync(
            "ssh", ["-F", "/dev/null", "-o", "NoSuchOption=1", "127.0.0.1"], TimeProvider.System, Generous, CancellationToken.None);

        Assert.Null(endpoint);
    }

    [Fact]
    public async Task A_missing_ssh_program_gives_no_address_not_an_exception()
    {
        Assert.Null(await ServerReachability.LookupAsync("/nonexistent/ssh", ["127.0.0.1"], TimeProvider.System, Generous, CancellationToken.None));
    }

    [Fact]
    public async Task An_ssh_that_prints_no_hostname_gives_no_address()
    {
        using var ssh = new FakeSshScript("printf 'garbage\\n\\001\\n'");

        Assert.Null(await ServerReachability.LookupAsync(ssh.Path, ["h"], TimeProvider.System, Generous, CancellationToken.None));
    }

    [Fact]
    public async Task An_ssh_G_that_hangs_is_killed_at_the_timeout()
    {
        var clock = new ManualTimeProvider();
        using var ssh = new FakeSshScript("echo $$ > \"$0.pid\"; exec sleep 600");

        var lookup = ServerReachability.LookupAsync(ssh.Path, ["h"], clock, TimeSpan.FromSeconds(5), CancellationToken.None);
        var pid = int.Parse(await Eventually.WaitForAsync(() => ReadPid(ssh.Path + ".pid"), "the fake ssh to start"), System.Globalization.CultureInfo.InvariantCulture);
        clock.Advance(5);

        Assert.Null(await lookup.Within("the lookup to give up"));
        Assert.False(File.Exists($"/proc/{pid}/cmdline") && File.ReadAllText($"/proc/{pid}/cmdline").Contains("sleep"), "the hung ssh -G was killed");
    }

    private static string? ReadPid(string file)
    {
        try
        {
            var text = File.ReadAllText(file).Trim();
            return text.Length > 0 ? text : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
