using SshKeep.Config;
using static SshKeep.Tests.Config.ConfigYaml;

namespace SshKeep.Tests.Config;

/// <summary>Valid files: what the loader makes of them (docs/config.md).</summary>
public sealed class ConfigLoaderTests
{
    [Fact]
    public void A_minimal_tunnel_gets_every_built_in_default()
    {
        var config = Valid(Tunnel(""));

        var tunnel = Assert.Single(config.Tunnels);
        Assert.Equal("db", tunnel.Name);
        Assert.Equal("deploy@bastion", tunnel.Destination);
        Assert.Null(tunnel.Port);
        Assert.Null(tunnel.IdentityFile);
        Assert.Equal("ssh", tunnel.SshPath);
        Assert.Empty(tunnel.SshOptions);
        Assert.Equal([new ForwardSpec(ForwardKind.Local, null, 8080, "localhost", 80)], tunnel.Forwards);
        Assert.Equal(new HealthSettings(), tunnel.Health);
        Assert.Equal(new BackoffSettings(), tunnel.Backoff);
        Assert.True(tunnel.Enabled);
        Assert.False(tunnel.InsecureHostKeyChecking);
        Assert.Equal(ReadyWhen.AllUp, config.ReadyWhen);
        Assert.Equal(FileName, config.Path);
    }

    [Theory]
    [InlineData("local: \"127.0.0.1:15432:db.internal:5432\"", ForwardKind.Local, "127.0.0.1", 15432, "db.internal", 5432)]
    [InlineData("local: \"15432:db.internal:5432\"", ForwardKind.Local, null, 15432, "db.internal", 5432)]
    [InlineData("local: \"[::1]:8080:[fe80::1]:80\"", ForwardKind.Local, "::1", 8080, "fe80::1", 80)]
    [InlineData("local: \"*:8080:web:80\"", ForwardKind.Local, "*", 8080, "web", 80)]
    [InlineData("local: 8080:web:80", ForwardKind.Local, null, 8080, "web", 80)]
    [InlineData("remote: \"8080:localhost:80\"", ForwardKind.Remote, null, 8080, "localhost", 80)]
    [InlineData("remote: \"0.0.0.0:65535:10.0.0.5:1\"", ForwardKind.Remote, "0.0.0.0", 65535, "10.0.0.5", 1)]
    [InlineData("dynamic: 1080", ForwardKind.Dynamic, null, 1080, null, null)]
    [InlineData("dynamic: \"[::1]:1080\"", ForwardKind.Dynamic, "::1", 1080, null, null)]
    [InlineData("dynamic: localhost:1080", ForwardKind.Dynamic, "localhost", 1080, null, null)]
    [InlineData("{ type: local, bind: 127.0.0.1, port: 15432, to: db.internal:5432 }", ForwardKind.Local, "127.0.0.1", 15432, "db.internal", 5432)]
    [InlineData("{ type: local, port: 15432, to: \"[::1]:5432\" }", ForwardKind.Local, null, 15432, "::1", 5432)]
    [InlineData("{ type: remote, bind: \"::1\", port: 8080, to: localhost:80 }", ForwardKind.Remote, "::1", 8080, "localhost", 80)]
    [InlineData("{ type: remote, bind: \"[::1]\", port: 8080, to: localhost:80 }", ForwardKind.Remote, "::1", 8080, "localhost", 80)]
    [InlineData("{ type: dynamic, port: \"1080\" }", ForwardKind.Dynamic, null, 1080, null, null)]
    public void Each_forward_form_becomes_one_forward_spec(string item, object kindRow, string? bind, int port, string? host, int? hostPort)
    {
        var kind = (ForwardKind)kindRow;
        var tunnel = OneTunnel($"forwards:\n  - {item}");

        Assert.Equal([new ForwardSpec(kind, bind, port, host, hostPort)], tunnel.Forwards);
    }

    [Fact]
    public void Forwards_keep_their_order_and_their_ssh_spelling()
    {
        var tunnel = OneTunnel("""
            forwards:
              - local: "127.0.0.1:15432:db.internal:5432"
              - remote: "8080:localhost:80"
              - dynamic: "[::1]:1080"
            """);

        Assert.Equal(["-L 127.0.0.1:15432:db.internal:5432", "-R 8080:localhost:80", "-D [::1]:1080"],
            tunnel.Forwards.Select(f => f.ToString()));
    }

    [Fact]
    public void Every_tunnel_key_is_read()
    {
        var tunnel = OneTunnel("""
            port: 2222
            identity_file: /keys/db
            ssh_path: /opt/ssh/bin/ssh
            enabled: false
            ssh_options:
              ProxyJump: jump@gw
              StrictHostKeyChecking: accept-new
            health: { server_alive_interval: 5, server_alive_count_max: 2, connect_timeout: 7, probe_interval: 2.5, probe_timeout: 1, probe_failures: 4 }
            backoff: { initial: 1, max: 60, stable_period: 45, needs_attention_retry: 600, remote_port_retry: 3 }
            """);

        Assert.Equal(2222, tunnel.Port);
        Assert.Equal("/keys/db", tunnel.IdentityFile);
        Assert.Equal("/opt/ssh/bin/ssh", tunnel.SshPath);
        Assert.False(tunnel.Enabled);
        Assert.Equal([new("ProxyJump", "jump@gw"), new("StrictHostKeyChecking", "accept-new")], tunnel.SshOptions);
        Assert.Equal(new HealthSettings { ServerAliveInterval = 5, ServerAliveCountMax = 2, ConnectTimeout = 7, ProbeInterval = 2.5, ProbeTimeout = 1, ProbeFailures = 4 }, tunnel.Health);
        Assert.Equal(new BackoffSettings { Initial = 1, Max = 60, StablePeriod = 45, NeedsAttentionRetry = 600, RemotePortRetry = 3 }, tunnel.Backoff);
    }

    [Theory]
    [InlineData("~/.ssh/id_ed25519", "/home/u/.ssh/id_ed25519")]
    [InlineData("~", "/home/u")]
    [InlineData("/etc/keys/db", "/etc/keys/db")]
    public void Identity_file_expands_the_tilde_with_the_home_directory(string written, string expected)
    {
        Assert.Equal(expected, OneTunnel($"identity_file: \"{written}\"").IdentityFile);
    }

    [Theory]
    [InlineData("ssh", "ssh")]
    [InlineData("/usr/bin/ssh", "/usr/bin/ssh")]
    [InlineData("~/bin/ssh", "/home/u/bin/ssh")]
    public void Ssh_path_is_a_program_name_or_an_absolute_path(string written, string expected)
    {
        Assert.Equal(expected, OneTunnel($"ssh_path: \"{written}\"").SshPath);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData("yes", true)]
    [InlineData("No", false)]
    [InlineData("\"true\"", true)]
    public void Enabled_accepts_true_and_false_and_yaml_1_1_yes_and_no(string written, bool expected)
    {
        Assert.Equal(expected, OneTunnel($"enabled: {written}").Enabled);
    }

    [Theory]
    [InlineData("22", 22)]
    [InlineData("\"2222\"", 2222)]
    [InlineData("65535", 65535)]
    [InlineData("~", null)]
    [InlineData("", null)]
    public void Port_is_a_number_or_null_for_let_ssh_config_decide(string written, int? expected)
    {
        Assert.Equal(expected, OneTunnel($"port: {written}").Port);
    }

    [Theory]
    [InlineData("all-up", ReadyWhen.AllUp)]
    [InlineData("first-attempt", ReadyWhen.FirstAttempt)]
    public void Ready_when_selects_when_systemd_hears_ready(string written, object expectedRow)
    {
        var expected = (ReadyWhen)expectedRow;
        Assert.Equal(expected, Valid($"ready_when: {written}\n" + Tunnel("")).ReadyWhen);
    }

    [Theory]
    [InlineData(null, 30)]
    [InlineData("5", 5)]
    [InlineData("0.5", 0.5)]
    [InlineData("3600", 3600)]
    public void Ready_timeout_bounds_how_long_a_tunnel_on_its_way_holds_ready_back(string? written, double expectedSeconds)
    {
        string head = written is null ? "" : $"ready_timeout: {written}\n";
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), Valid(head + Tunnel("")).ReadyTimeout);
    }

    [Fact]
    public void Version_1_is_accepted()
    {
        Assert.Single(Valid("version: 1\n" + Tunnel("")).Tunnels);
    }

    [Fact]
    public void Tunnels_keep_file_order()
    {
        var config = Valid("""
            tunnels:
              zeta: { destination: z, forwards: [ { local: "1001:h:1" } ] }
              alpha: { destination: a, forwards: [ { local: "1002:h:1" } ] }
              mid.dle_1-x: { destination: m, forwards: [ { local: "1003:h:1" } ] }
            """);

        Assert.Equal(["zeta", "alpha", "mid.dle_1-x"], config.Tunnels.Select(t => t.Name));
    }

    [Fact]
    public void A_tunnel_value_replaces_the_default_key_by_key()
    {
        var config = Valid("""
            defaults:
              port: 2200
              identity_file: ~/.ssh/default
              ssh_path: /usr/bin/ssh
              enabled: false
            tunnels:
              inherits: { destination: a, forwards: [ { local: "1001:h:1" } ] }
              overrides:
                destination: b
                port: 22
                identity_file: /keys/b
                ssh_path: ssh
                enabled: true
                forwards: [ { local: "1002:h:1" } ]
              unsets:
                destination: c
                port: ~
                identity_file:
                forwards: [ { local: "1003:h:1" } ]
            """);

        var (inherits, overrides, unsets) = (config.Tunnels[0], config.Tunnels[1], config.Tunnels[2]);
        Assert.Equal((2200, "/home/u/.ssh/default", "/usr/bin/ssh", false), (inherits.Port, inherits.IdentityFile, inherits.SshPath, inherits.Enabled));
        Assert.Equal((22, "/keys/b", "ssh", true), (overrides.Port, overrides.IdentityFile, overrides.SshPath, overrides.Enabled));
        Assert.Equal(((int?)null, (string?)null), (unsets.Port, unsets.IdentityFile));
    }

    [Fact]
    public void Health_and_backoff_merge_field_by_field()
    {
        var tunnel = Assert.Single(Valid("""
            defaults:
              health: { probe_interval: 10, probe_failures: 5 }
              backoff: { max: 120, initial: 2 }
            tunnels:
              db:
                destination: h
                forwards: [ { local: "1001:h:1" } ]
                health: { probe_interval: 8 }
                backoff: { initial: 1 }
            """).Tunnels);

        Assert.Equal(new HealthSettings { ProbeInterval = 8, ProbeFailures = 5 }, tunnel.Health);
        Assert.Equal(new BackoffSettings { Initial = 1, Max = 120 }, tunnel.Backoff);
    }

    [Fact]
    public void Ssh_options_merge_option_by_option_ignoring_case_and_a_null_drops_a_default()
    {
        var tunnel = Assert.Single(Valid("""
            defaults:
              ssh_options:
                ProxyJump: gw
                Compression: "no"
                AddressFamily: inet
            tunnels:
              db:
                destination: h
                forwards: [ { local: "1001:h:1" } ]
                ssh_options:
                  compression: yes
                  AddressFamily: ~
                  IdentitiesOnly: yes
            """).Tunnels);

        Assert.Equal([new("ProxyJump", "gw"), new("compression", "yes"), new("IdentitiesOnly", "yes")], tunnel.SshOptions);
    }

    [Theory]
    [InlineData("ServerAliveInterval: 15", 15, 3, 10)]
    [InlineData("serveralivecountmax: \"5\"", 10, 5, 10)]
    [InlineData("ConnectTimeout: 4", 10, 3, 4)]
    public void Keepalive_options_in_ssh_options_become_health_settings_and_are_not_passed_twice(string option, int interval, int countMax, int connectTimeout)
    {
        var tunnel = OneTunnel($"ssh_options:\n  {option}");

        Assert.Equal((interval, countMax, connectTimeout), (tunnel.Health.ServerAliveInterval, tunnel.Health.ServerAliveCountMax, tunnel.Health.ConnectTimeout));
        Assert.Empty(tunnel.SshOptions);
    }

    [Fact]
    public void A_tunnel_health_key_wins_over_a_keepalive_option_in_defaults()
    {
        var tunnel = Assert.Single(Valid("""
            defaults:
              ssh_options: { ServerAliveInterval: "15" }
            tunnels:
              db:
                destination: h
                forwards: [ { local: "1001:h:1" } ]
                health: { server_alive_interval: 5 }
            """).Tunnels);

        Assert.Equal(5, tunnel.Health.ServerAliveInterval);
    }

    [Fact]
    public void The_same_keepalive_value_in_health_and_ssh_options_is_no_conflict()
    {
        var tunnel = OneTunnel("health: { server_alive_interval: 7 }\nssh_options: { ServerAliveInterval: 7 }");

        Assert.Equal(7, tunnel.Health.ServerAliveInterval);
    }

    [Theory]
    [InlineData("no", true)]
    [InlineData("off", true)]
    [InlineData("False", true)]
    [InlineData("yes", false)]
    [InlineData("accept-new", false)]
    [InlineData("ask", false)]
    public void StrictHostKeyChecking_off_is_allowed_but_flagged(string value, bool insecure)
    {
        var tunnel = OneTunnel($"ssh_options: {{ stricthostkeychecking: {value} }}");

        Assert.Equal(insecure, tunnel.InsecureHostKeyChecking);
    }

    [Fact]
    public void Probes_can_be_turned_off_and_then_any_timeout_goes()
    {
        var tunnel = OneTunnel("health: { probe_interval: 0, probe_timeout: 30 }");

        Assert.Equal((0.0, 30.0), (tunnel.Health.ProbeInterval, tunnel.Health.ProbeTimeout));
    }

    [Fact]
    public void Disabled_tunnels_may_share_a_listen_port_with_an_enabled_one()
    {
        var config = Valid("""
            tunnels:
              primary: { destination: a, forwards: [ { local: "127.0.0.1:5432:db:5432" } ] }
              replica: { destination: b, enabled: false, forwards: [ { local: "127.0.0.1:5432:db:5432" } ] }
            """);

        Assert.Equal(2, config.Tunnels.Count);
    }

    [Theory]
    [InlineData("127.0.0.1:8080:h:1", "127.0.0.2:8080:h:1")]
    [InlineData("127.0.0.1:8080:h:1", "127.0.0.1:8081:h:1")]
    [InlineData("0.0.0.0:8080:h:1", "[::1]:8080:h:1")]
    [InlineData("[::]:8080:h:1", "127.0.0.1:8080:h:1")]
    [InlineData("a.example:8080:h:1", "b.example:8080:h:1")]
    public void Listen_addresses_that_do_not_overlap_are_no_clash(string first, string second)
    {
        var config = Valid($$"""
            tunnels:
              one: { destination: a, forwards: [ { local: "{{first}}" } ] }
              two: { destination: b, forwards: [ { local: "{{second}}" } ] }
            """);

        Assert.Equal(2, config.Tunnels.Count);
    }

    [Fact]
    public void The_same_remote_port_on_two_different_servers_is_no_clash()
    {
        var config = Valid("""
            tunnels:
              one: { destination: a, forwards: [ { remote: "8080:localhost:80" } ] }
              two: { destination: b, forwards: [ { remote: "8080:localhost:80" } ] }
              three: { destination: a, port: 2222, forwards: [ { remote: "8080:localhost:80" } ] }
              four: { destination: c, forwards: [ { remote: "8080:localhost:80" }, { local: "8080:localhost:80" } ] }
            """);

        Assert.Equal(4, config.Tunnels.Count);
    }

    [Fact]
    public void A_byte_order_mark_comments_and_crlf_line_ends_are_fine()
    {
        var text = "\uFEFF# comment\r\n" + Tunnel("port: 22  # trailing").Replace("\n", "\r\n", StringComparison.Ordinal);

        Assert.Equal(22, Assert.Single(Valid(text).Tunnels).Port);
    }

    [Fact]
    public void An_anchor_without_an_alias_is_harmless()
    {
        Assert.Equal(22, OneTunnel("port: &p 22").Port);
    }

    [Fact]
    public void Loading_the_same_text_twice_gives_tunnels_that_are_the_same()
    {
        var text = Tunnel("ssh_options: { ProxyJump: gw }\nhealth: { probe_interval: 3, probe_timeout: 1 }");

        var a = Assert.Single(Valid(text).Tunnels);
        var b = Assert.Single(Valid(text).Tunnels);

        Assert.True(a.SameAs(b));
        Assert.False(a.SameAs(b with { SshOptions = [new("ProxyJump", "other")] }));
        Assert.False(a.SameAs(b with { Health = b.Health with { ProbeTimeout = 2 } }));
    }
}
