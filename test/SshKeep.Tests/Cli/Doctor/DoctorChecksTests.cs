using System.Net.Sockets;
using SshKeep.Cli.Doctor;
using SshKeep.Health;
using SshKeep.Config;

namespace SshKeep.Tests.Cli.Doctor;

/// <summary>Each doctor check as a table: what it is given, which verdict it gives.</summary>
public sealed class DoctorChecksTests
{
    [Theory]
    // The second seed's table: time + interval × probes.
    [InlineData("7200", "75", "9", 7875L)]   // Linux
    [InlineData("7200", "75", "8", 7800L)]   // FreeBSD
    [InlineData("7200", "1", "10", 7210L)]   // Windows
    [InlineData("600", "60", "5", 900L)]
    [InlineData(" 7200\n", "75", "9", 7875L)]
    public void The_kernel_declares_an_idle_connection_dead_after_time_plus_interval_times_probes(string time, string interval, string probes, long deadAfter)
    {
        Assert.Equal(deadAfter, KernelKeepalive.Parse(time, interval, probes)!.DeadAfter);
    }

    [Theory]
    [InlineData(null, "75", "9")]
    [InlineData("7200", "", "9")]
    [InlineData("7200", "75", "nine")]
    [InlineData("-1", "75", "9")]
    public void Unreadable_kernel_settings_are_a_warning(string? time, string? interval, string? probes)
    {
        var kernel = KernelKeepalive.Parse(time, interval, probes);

        Assert.Null(kernel);
        Assert.Equal(DoctorVerdict.Warn, KernelKeepalive.Judge(kernel).Verdict);
    }

    [Fact]
    public void Readable_kernel_settings_are_explained_and_pass()
    {
        var check = KernelKeepalive.Judge(new KernelKeepalive(600, 60, 5));

        Assert.Equal(DoctorVerdict.Ok, check.Verdict);
        Assert.Contains("600 s + 5 × 60 s = 15m00s", check.Finding, StringComparison.Ordinal);
        Assert.Contains("not Linux's defaults", check.Finding, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, "OpenSSH_9.2p1 Debian-2+deb12u3, OpenSSL 3.0.15 3 Sep 2024\n", DoctorVerdict.Ok)]
    [InlineData(0, "OpenSSH_10.0p2 Debian-7, OpenSSL 3.5.1 1 Jul 2025\n", DoctorVerdict.Ok)]
    [InlineData(0, "OpenSSH_6.8p1, OpenSSL 1.0.2 22 Jan 2015\n", DoctorVerdict.Ok)]
    [InlineData(0, "OpenSSH_6.6.1p1 Ubuntu-2ubuntu2, OpenSSL 1.0.1f 6 Jan 2014\n", DoctorVerdict.Warn)]
    [InlineData(0, "Dropbear v2022.83\n", DoctorVerdict.Warn)]
    [InlineData(null, "", DoctorVerdict.Fail)]
    public void The_ssh_client_must_run_and_be_an_openssh_with_dash_G(int? exit, string stderr, object verdictRow)
    {
        var verdict = (DoctorVerdict)verdictRow;
        var output = exit is null ? CommandOutput.CouldNotRun("No such file or directory") : new CommandOutput(exit, "", stderr);

        Assert.Equal(verdict, SshVersionCheck.Judge("ssh", output).Verdict);
    }

    [Theory]
    [InlineData("serveraliveinterval 10\nserveralivecountmax 3\n", DoctorVerdict.Ok, "about 30s")]
    [InlineData("serveraliveinterval 60\nserveralivecountmax 5\n", DoctorVerdict.Ok, "about 5m00s")]
    [InlineData("serveraliveinterval 61\nserveralivecountmax 5\n", DoctorVerdict.Warn, "about 5m05s")]
    [InlineData("serveraliveinterval 3600\nserveralivecountmax 100\n", DoctorVerdict.Warn, "about 4d04h")]
    [InlineData("serveraliveinterval 0\nserveralivecountmax 3\n", DoctorVerdict.Warn, "ServerAliveInterval 0")]
    [InlineData("", DoctorVerdict.Warn, "ServerAliveInterval 0")]
    public void The_keepalive_budget_is_interval_times_count_and_at_most_five_minutes_passes(string sshG, object verdictRow, string finding)
    {
        var verdict = (DoctorVerdict)verdictRow;
        var check = KeepaliveCheck.Judge(SshGOutput.Parse(sshG), KernelKeepalive.LinuxDefaults);

        Assert.Equal(verdict, check.Verdict);
        Assert.Contains(finding, check.Finding, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("600", 1000u, true, DoctorVerdict.Ok)]
    [InlineData("400", 1000u, true, DoctorVerdict.Ok)]
    [InlineData("640", 1000u, true, DoctorVerdict.Fail)]
    [InlineData("604", 1000u, true, DoctorVerdict.Fail)]
    [InlineData("620", 1000u, true, DoctorVerdict.Fail)]
    [InlineData("644", 1000u, true, DoctorVerdict.Fail)]
    [InlineData("600", 0u, true, DoctorVerdict.Warn)]
    [InlineData("600", 1000u, false, DoctorVerdict.Fail)]
    public void A_key_file_must_be_a_file_of_the_user_closed_to_group_and_others(string mode, uint owner, bool regular, object verdictRow)
    {
        var verdict = (DoctorVerdict)verdictRow;
        var facts = new FileFacts(regular, owner, Convert.ToUInt32(mode, 8));

        Assert.Equal(verdict, IdentityFileCheck.Judge("/k", facts, 1000).Verdict);
    }

    [Fact]
    public void A_missing_key_file_fails_and_says_how_to_make_one()
    {
        var check = IdentityFileCheck.Judge("/home/u/.ssh/k", null, 1000);

        Assert.Equal(DoctorVerdict.Fail, check.Verdict);
        Assert.Contains("ssh-keygen -t ed25519 -f /home/u/.ssh/k", check.Fix, StringComparison.Ordinal);
        Assert.Equal("chmod 600 /k", IdentityFileCheck.Judge("/k", new FileFacts(true, 1000, Convert.ToUInt32("644", 8)), 1000).Fix);
    }

    [Theory]
    [InlineData("h", 22, "h")]
    [InlineData("h", 2222, "[h]:2222")]
    [InlineData("127.0.0.1", 40000, "[127.0.0.1]:40000")]
    public void Known_hosts_names_the_host_with_its_port_unless_it_is_22(string host, int port, string name)
    {
        Assert.Equal(name, KnownHostsCheck.NameFor(host, port));
    }

    [Theory]
    [InlineData(KnownHostsLookup.Found, "ask", DoctorVerdict.Ok)]
    [InlineData(KnownHostsLookup.Found, "yes", DoctorVerdict.Ok)]
    [InlineData(KnownHostsLookup.NotFound, "yes", DoctorVerdict.Fail)]
    [InlineData(KnownHostsLookup.NotFound, "ask", DoctorVerdict.Fail)]
    [InlineData(KnownHostsLookup.NoFile, "true", DoctorVerdict.Fail)]
    [InlineData(KnownHostsLookup.NotFound, "accept-new", DoctorVerdict.Warn)]
    [InlineData(KnownHostsLookup.Found, "false", DoctorVerdict.Warn)]
    [InlineData(KnownHostsLookup.NotFound, "no", DoctorVerdict.Warn)]
    [InlineData(KnownHostsLookup.Failed, "yes", DoctorVerdict.Warn)]
    public void An_unknown_host_key_fails_unless_ssh_would_accept_it(object resultRow, string strict, object verdictRow)
    {
        var result = (KnownHostsLookup)resultRow;
        var verdict = (DoctorVerdict)verdictRow;
        var check = KnownHostsCheck.Judge("h", [("/home/u/.ssh/known_hosts", result), ("/etc/ssh/ssh_known_hosts", KnownHostsLookup.NoFile)], strict, "ssh h");

        Assert.Equal(verdict, check.Verdict);
    }

    [Theory]
    [InlineData("gw", "gw", 22)]
    [InlineData("jump@gw:2200", "gw", 2200)]
    [InlineData("a@gw1:2201,b@gw2:2202", "gw1", 2201)]
    [InlineData("ssh://u@gw:2222", "gw", 2222)]
    [InlineData("[::1]:2222", "::1", 2222)]
    [InlineData("u@[fe80::1]", "fe80::1", 22)]
    public void The_first_proxy_jump_hop_is_parsed(string proxyJump, string host, int port)
    {
        Assert.Equal((host, port), ServerReachCheck.FirstJump(proxyJump));
    }

    [Theory]
    [InlineData("gw:http")]
    [InlineData("gw:0")]
    [InlineData("[::1")]
    [InlineData("u@")]
    public void A_proxy_jump_that_cannot_be_parsed_is_not_checked(string proxyJump)
    {
        Assert.Null(ServerReachCheck.FirstJump(proxyJump));
    }

    [Theory]
    [InlineData(SocketError.ConnectionRefused, "Connection refused", "[::1]:2222 refused the connection (the host is there, nothing listens on the port)")]
    [InlineData(SocketError.HostUnreachable, "No route to host", "[::1]:2222 is unreachable: No route to host")]
    [InlineData(SocketError.NetworkUnreachable, "Network is unreachable", "[::1]:2222 is unreachable: Network is unreachable")]
    [InlineData(SocketError.HostNotFound, "Name or service not known", "[::1]:2222 cannot be found: Name or service not known")]
    [InlineData(SocketError.TimedOut, "Connection timed out", "[::1]:2222 did not answer: Connection timed out")]
    public void A_server_that_cannot_be_reached_fails_saying_whether_it_refused_was_silent_or_is_unreachable(SocketError error, string text, string finding)
    {
        var check = ServerReachCheck.Judge("::1", 2222, null, LocalDoctorSystem.ConnectProblem(error, text));

        Assert.Equal(DoctorVerdict.Fail, check.Verdict);
        Assert.Equal(finding, check.Finding);
    }

    [Fact]
    public void A_server_that_stays_silent_did_not_answer_within_the_timeout()
    {
        var check = ServerReachCheck.Judge("db.example.com", 22, null, "did not answer within 3 s");

        Assert.Equal("db.example.com:22 did not answer within 3 s", check.Finding);
    }

    [Fact]
    public void A_remote_forward_is_an_info_reminder_naming_its_port()
    {
        var check = DoctorExamination.RemoteForward(new ForwardSpec(ForwardKind.Remote, null, 8080, "localhost", 80), "edge");

        Assert.Equal(DoctorVerdict.Info, check.Verdict);
        Assert.Contains("ClientAliveInterval", check.Finding, StringComparison.Ordinal);
        Assert.Contains("frees port 8080", check.Finding, StringComparison.Ordinal);
    }

    [Fact]
    public void Ssh_dash_G_output_keeps_repeated_keywords_and_splits_lists()
    {
        var ssh = SshGOutput.Parse("user deploy\nHostName h\nidentityfile ~/.ssh/a\nidentityfile ~/.ssh/b\nuserknownhostsfile /a /b\nproxyjump none\n");

        Assert.Equal("h", ssh.First("hostname"));
        Assert.Equal(["~/.ssh/a", "~/.ssh/b"], ssh.All("identityfile"));
        Assert.Equal(["/a", "/b"], ssh.Words("userknownhostsfile"));
        Assert.True(ssh.IsNone("proxyjump"));
        Assert.True(ssh.IsNone("proxycommand"));
        Assert.Null(ssh.Number("port"));
    }
}
