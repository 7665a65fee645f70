using static SshKeep.Tests.Config.ConfigYaml;

namespace SshKeep.Tests.Config;

/// <summary>Each rule of docs/config.md: one mistake gives one error at the right line, column
/// and key, quoting the value and saying what is accepted.</summary>
public sealed class ConfigErrorTests
{
    [Theory]
    // Destination: never something ssh could read as an option, never a second word.
    [InlineData("destination: \"-oProxyCommand=sh\"", "5:18", "tunnels.db.destination", "\"-oProxyCommand=sh\" starts with '-', which ssh would read as an option; expected [user@]host")]
    [InlineData("destination: \"deploy@bastion -v\"", "5:18", "tunnels.db.destination", "\"deploy@bastion -v\" contains a space")]
    [InlineData("destination: \"\"", "5:18", "tunnels.db.destination", "empty text; expected [user@]host")]
    [InlineData("destination:", "5:17", "tunnels.db.destination", "no value; expected [user@]host")]
    [InlineData("destination: \"@host\"", "5:18", "tunnels.db.destination", "\"@host\" has an empty user before '@'")]
    [InlineData("destination: deploy@", "5:18", "tunnels.db.destination", "\"deploy@\" has no host after '@'")]
    [InlineData("destination: bastion:2222", "5:18", "tunnels.db.destination", "\"bastion:2222\" has a port after ':'; expected [user@]host, with the port under `port`")]
    [InlineData("destination: ssh://u@h:22", "5:18", "tunnels.db.destination", "\"ssh://u@h:22\" is a URI")]
    [InlineData("destination: \"u@-oFoo\"", "5:18", "tunnels.db.destination", "host \"-oFoo\" in \"u@-oFoo\" is not a host name")]
    [InlineData("destination: \"a\\nb\"", "5:18", "tunnels.db.destination", "\"a\\nb\" contains a control character (newline, tab…); expected [user@]host on one line")]
    // Several servers.
    [InlineData("destination: []", "5:18", "tunnels.db.destination", "a list of 0 destinations; expected 1 to 8, tried in order")]
    [InlineData("destination: [a, b, c, d, e, f, g, h, i]", "5:18", "tunnels.db.destination", "a list of 9 destinations; expected 1 to 8, tried in order")]
    [InlineData("destination: [a, b, a]", "5:25", "tunnels.db.destination[2]", "\"a\" is listed twice (first as destination[0]); list each server once")]
    [InlineData("destination: [a, \"-oFoo\"]", "5:22", "tunnels.db.destination[1]", "\"-oFoo\" starts with '-', which ssh would read as an option; expected [user@]host")]
    [InlineData("destination: [a, {b: c}]", "5:22", "tunnels.db.destination[1]", "expected [user@]host, found a map")]
    // Port.
    [InlineData("port: 0", "6:11", "tunnels.db.port", "\"0\" is not a whole number from 1 to 65535")]
    [InlineData("port: 65536", "6:11", "tunnels.db.port", "\"65536\" is not a whole number from 1 to 65535")]
    [InlineData("port: -1", "6:11", "tunnels.db.port", "\"-1\" is not a whole number from 1 to 65535")]
    [InlineData("port: ssh", "6:11", "tunnels.db.port", "\"ssh\" is not a whole number from 1 to 65535")]
    [InlineData("port: 22.0", "6:11", "tunnels.db.port", "\"22.0\" is not a whole number")]
    [InlineData("port: { a: 1 }", "6:11", "tunnels.db.port", "expected a whole number from 1 to 65535, found a map")]
    // Paths.
    [InlineData("identity_file: keys/db", "6:20", "tunnels.db.identity_file", "\"keys/db\" is relative; write an absolute path or one starting with ~/")]
    [InlineData("identity_file: ~bob/key", "6:20", "tunnels.db.identity_file", "only ~ and ~/ are expanded")]
    [InlineData("ssh_path: bin/ssh", "6:15", "tunnels.db.ssh_path", "\"bin/ssh\" is relative")]
    [InlineData("ssh_path: -ssh", "6:15", "tunnels.db.ssh_path", "\"-ssh\" starts with '-'")]
    [InlineData("enabled: maybe", "6:14", "tunnels.db.enabled", "\"maybe\" is not true or false")]
    // Health and back-off bounds.
    [InlineData("health: { server_alive_interval: 0 }", "6:38", "tunnels.db.health.server_alive_interval", "\"0\" is not a whole number from 1 to 3600")]
    [InlineData("health: { server_alive_count_max: 101 }", "6:39", "tunnels.db.health.server_alive_count_max", "from 1 to 100")]
    [InlineData("health: { connect_timeout: 1.5 }", "6:32", "tunnels.db.health.connect_timeout", "\"1.5\" is not a whole number from 1 to 600")]
    [InlineData("health: { probe_interval: 0.1 }", "6:31", "tunnels.db.health.probe_interval", "\"0.1\" is not a number of seconds from 0.5 to 3600, or 0 to turn probes off")]
    [InlineData("health: { probe_timeout: 0 }", "6:30", "tunnels.db.health.probe_timeout", "\"0\" is not a number of seconds from 0.1 to 600")]
    [InlineData("health: { probe_failures: 0 }", "6:31", "tunnels.db.health.probe_failures", "from 1 to 100")]
    [InlineData("health: { probe_interval: 5s }", "6:31", "tunnels.db.health.probe_interval", "\"5s\" is not a number of seconds")]
    [InlineData("health: { probe_interval: 1e3 }", "6:31", "tunnels.db.health.probe_interval", "\"1e3\" is not a number of seconds")]
    [InlineData("health: { probe_timeout: 5 }", "6:30", "tunnels.db.health.probe_timeout", "probe_timeout 5 is not shorter than probe_interval 5 (built-in default); a probe must end before the next one starts")]
    [InlineData("health: { probe_interval: 2 }", "6:31", "tunnels.db.health.probe_interval", "probe_timeout 3 (built-in default) is not shorter than probe_interval 2")]
    [InlineData("backoff: { initial: 0 }", "6:25", "tunnels.db.backoff.initial", "\"0\" is not a number of seconds from 0.1 to 3600")]
    [InlineData("backoff: { max: 100000 }", "6:21", "tunnels.db.backoff.max", "from 1 to 86400")]
    [InlineData("backoff: { needs_attention_retry: 5 }", "6:39", "tunnels.db.backoff.needs_attention_retry", "from 10 to 86400")]
    [InlineData("backoff: { remote_port_retry: 0.1 }", "6:35", "tunnels.db.backoff.remote_port_retry", "from 0.5 to 3600")]
    [InlineData("backoff: { stable_period: 0 }", "6:31", "tunnels.db.backoff.stable_period", "from 1 to 86400")]
    [InlineData("backoff: { initial: 60 }", "6:25", "tunnels.db.backoff.initial", "initial 60 is longer than max 30 (built-in default); the first wait cannot be longer than the longest")]
    [InlineData("backoff: { initial: 10, max: 5 }", "6:25", "tunnels.db.backoff.initial", "initial 10 is longer than max 5 (tunnels.db.backoff.max, line 6)")]
    [InlineData("health: [1, 2]", "6:13", "tunnels.db.health", "expected a map of health settings, found a list")]
    [InlineData("backoff: fast", "6:14", "tunnels.db.backoff", "\"fast\" is not a map of back-off settings")]
    // Unknown keys, with the closest known one.
    [InlineData("destnation: x", "6:5", "tunnels.db.destnation", "unknown key `destnation`; did you mean `destination`?")]
    [InlineData("identityFile: /k", "6:5", "tunnels.db.identityFile", "did you mean `identity_file`?")]
    [InlineData("ssh_option: {}", "6:5", "tunnels.db.ssh_option", "did you mean `ssh_options`?")]
    [InlineData("ProxyJump: gw", "6:5", "tunnels.db.ProxyJump", "unknown key `ProxyJump`; it is an ssh option: put it under `ssh_options`")]
    [InlineData("colour: red", "6:5", "tunnels.db.colour", "unknown key `colour`; accepted keys: destination, port, identity_file, ssh_path, ssh_options, forwards, health, backoff, hooks, enabled")]
    [InlineData("health: { probe_intervall: 5 }", "6:15", "tunnels.db.health.probe_intervall", "did you mean `probe_interval`?")]
    [InlineData("backoff: { maximum: 5 }", "6:16", "tunnels.db.backoff.maximum", "unknown key `maximum`; accepted keys: initial, max, stable_period, needs_attention_retry, remote_port_retry")]
    [InlineData("port: 22\nport: 23", "7:5", "tunnels.db.port", "duplicate key `port` (first set on line 6); set it once")]
    public void A_bad_tunnel_key_is_one_error_at_its_place(string body, string at, string key, string message)
    {
        AssertError(Tunnel(body), at, key, message);
    }

    [Theory]
    [InlineData("- local: \"8080:db\"", "5:16", "tunnels.db.forwards[0].local", "\"8080:db\" is not a local forward; expected [bind:]port:host:hostport (IPv6 addresses in [brackets])")]
    [InlineData("- local: \"::1:8080:db:5432\"", "5:16", "tunnels.db.forwards[0].local", "is not a local forward; expected [bind:]port:host:hostport (IPv6 addresses in [brackets])")]
    [InlineData("- local: \"0:db:5432\"", "5:16", "tunnels.db.forwards[0].local", "\"0:db:5432\": listen port \"0\" is not a whole number from 1 to 65535")]
    [InlineData("- local: \"8080:db:70000\"", "5:16", "tunnels.db.forwards[0].local", "target port \"70000\" is not a whole number from 1 to 65535")]
    [InlineData("- local: \"8080:db:http\"", "5:16", "tunnels.db.forwards[0].local", "target port \"http\" is not a whole number")]
    [InlineData("- local: \":8080:db:80\"", "5:16", "tunnels.db.forwards[0].local", "the bind address is empty; write * for every interface")]
    [InlineData("- local: \"[::1:8080:db:80\"", "5:16", "tunnels.db.forwards[0].local", "has a '[' without ']'")]
    [InlineData("- local: \"[127.0.0.1]:8080:db:80\"", "5:16", "tunnels.db.forwards[0].local", "bind address \"127.0.0.1\" is not * or a host name")]
    [InlineData("- local: \"8080:-oFoo:80\"", "5:16", "tunnels.db.forwards[0].local", "target host \"-oFoo\" is not a host name")]
    [InlineData("- local: \"8080:a b:80\"", "5:16", "tunnels.db.forwards[0].local", "target host \"a b\" is not a host name")]
    [InlineData("- local: \"bad host:8080:db:80\"", "5:16", "tunnels.db.forwards[0].local", "bind address \"bad host\" is not * or a host name")]
    [InlineData("- remote: \"0:localhost:80\"", "5:17", "tunnels.db.forwards[0].remote", "remote port 0 asks the server to pick a free port, which sshkeep could neither probe nor report")]
    [InlineData("- remote: \"8080\"", "5:17", "tunnels.db.forwards[0].remote", "a remote SOCKS proxy, ssh -R [bind:]port, is not supported")]
    [InlineData("- dynamic: \"1080:h:80\"", "5:18", "tunnels.db.forwards[0].dynamic", "\"1080:h:80\" is not a dynamic forward; expected [bind:]port")]
    [InlineData("- dynamic: [1080]", "5:18", "tunnels.db.forwards[0].dynamic", "expected [bind:]port, found a list")]
    [InlineData("- lokal: \"8080:h:80\"", "5:9", "tunnels.db.forwards[0].lokal", "unknown key `lokal`; did you mean `local`?")]
    [InlineData("- \"8080:h:80\"", "5:9", "tunnels.db.forwards[0]", "\"8080:h:80\" is not a forward: `local: \"[bind:]port:host:hostport\"`")]
    [InlineData("- local: \"8080:h:80\"\n  remote: \"8081:h:80\"", "5:9", "tunnels.db.forwards[0]", "one forward per list item: found keys `local`, `remote`; start each forward with its own '-'")]
    [InlineData("- {}", "5:9", "tunnels.db.forwards[0]", "an empty map; expected a forward")]
    [InlineData("- { type: tunnel, port: 1 }", "5:17", "tunnels.db.forwards[0].type", "\"tunnel\" is not one of `local`, `remote`, `dynamic`")]
    [InlineData("- { type: local, to: h:80 }", "5:9", "tunnels.db.forwards[0]", "the long form needs `port`, the listen port")]
    [InlineData("- { type: local, port: 8080 }", "5:9", "tunnels.db.forwards[0]", "a local forward needs `to: host:port`")]
    [InlineData("- { type: dynamic, port: 1080, to: h:80 }", "5:38", "tunnels.db.forwards[0].to", "a dynamic forward is a SOCKS proxy and has no `to`; remove it")]
    [InlineData("- { type: remote, port: 0, to: h:80 }", "5:31", "tunnels.db.forwards[0].port", "remote port 0 asks the server to pick a free port")]
    [InlineData("- { type: local, port: 8080, to: h }", "5:40", "tunnels.db.forwards[0].to", "\"h\" is not host:port")]
    [InlineData("- { type: local, port: 8080, to: \"::1:80\" }", "5:40", "tunnels.db.forwards[0].to", "\"::1:80\" is not host:port; expected host:port (IPv6 addresses in [brackets])")]
    [InlineData("- { type: local, bind: \"a b\", port: 8080, to: h:80 }", "5:30", "tunnels.db.forwards[0].bind", "bind address \"a b\" is not * or a host name")]
    [InlineData("- { type: local, port: 8080, to: h:80, proto: tcp }", "5:46", "tunnels.db.forwards[0].proto", "unknown key `proto`")]
    [InlineData("[]", "4:15", "tunnels.db.forwards", "no forwards; a tunnel needs at least one `local`, `remote` or `dynamic` forward")]
    [InlineData("", "4:14", "tunnels.db.forwards", "no forwards; a tunnel needs at least one")]
    [InlineData("{ local: \"8080:h:80\" }", "4:15", "tunnels.db.forwards", "expected a list of forwards, found a map")]
    public void A_bad_forward_is_one_error_at_its_place(string forwards, string at, string key, string message)
    {
        var body = forwards.Length > 0 && forwards[0] == '-'
            ? "forwards:\n" + string.Join('\n', forwards.Split('\n').Select(l => "  " + l))
            : "forwards: " + forwards;
        AssertError(Tunnel(body), at, key, message);
    }

    [Theory]
    [InlineData("Foo_Bar: x", "tunnels.db.ssh_options.Foo_Bar", "\"Foo_Bar\" is not an ssh_config keyword; expected letters and digits, like ServerAliveInterval")]
    [InlineData("ServerAliveIntervall: 5", "tunnels.db.ssh_options.ServerAliveIntervall", "unknown ssh option `ServerAliveIntervall`; did you mean `ServerAliveInterval`?")]
    [InlineData("ProxyJmup: gw", "tunnels.db.ssh_options.ProxyJmup", "did you mean `ProxyJump`?")]
    [InlineData("ControlMaster: auto", "tunnels.db.ssh_options.ControlMaster", "ControlMaster \"auto\" is refused: sshkeep runs every tunnel as its own ssh")]
    [InlineData("controlmaster: no", "tunnels.db.ssh_options.controlmaster", "controlmaster \"no\" is refused")]
    [InlineData("ControlPath: ~/.ssh/cm-%r@%h:%p", "tunnels.db.ssh_options.ControlPath", "sets the ControlPath itself")]
    [InlineData("ControlPersist: 10m", "tunnels.db.ssh_options.ControlPersist", "a master running in the background")]
    [InlineData("ForkAfterAuthentication: yes", "tunnels.db.ssh_options.ForkAfterAuthentication", "ssh would go to the background (like -f)")]
    [InlineData("RemoteCommand: top", "tunnels.db.ssh_options.RemoteCommand", "a tunnel runs no remote command (sshkeep passes -N)")]
    [InlineData("LocalCommand: echo hi", "tunnels.db.ssh_options.LocalCommand", "runs a local shell command on every (re)connect")]
    [InlineData("PermitLocalCommand: yes", "tunnels.db.ssh_options.PermitLocalCommand", "it would allow LocalCommand")]
    [InlineData("SessionType: default", "tunnels.db.ssh_options.SessionType", "a tunnel opens no session (sshkeep passes -N)")]
    [InlineData("RequestTTY: force", "tunnels.db.ssh_options.RequestTTY", "a tunnel has no terminal (sshkeep passes -T)")]
    [InlineData("BatchMode: no", "tunnels.db.ssh_options.BatchMode", "a password or passphrase prompt would hang the tunnel")]
    [InlineData("ExitOnForwardFailure: no", "tunnels.db.ssh_options.ExitOnForwardFailure", "a session whose forwards failed would look healthy while forwarding nothing")]
    [InlineData("ClearAllForwardings: yes", "tunnels.db.ssh_options.ClearAllForwardings", "it would drop the tunnel's forwards")]
    [InlineData("LocalForward: 8080 h:80", "tunnels.db.ssh_options.LocalForward", "list forwards under `forwards`")]
    [InlineData("RemoteForward: 8080 h:80", "tunnels.db.ssh_options.RemoteForward", "list forwards under `forwards`")]
    [InlineData("DynamicForward: 1080", "tunnels.db.ssh_options.DynamicForward", "list forwards under `forwards`")]
    [InlineData("Port: 2222", "tunnels.db.ssh_options.Port", "set the tunnel's `port` key instead")]
    [InlineData("IdentityFile: ~/.ssh/k", "tunnels.db.ssh_options.IdentityFile", "set the tunnel's `identity_file` key instead")]
    [InlineData("Include: other", "tunnels.db.ssh_options.Include", "it is ssh_config structure, not an option")]
    [InlineData("Match: all", "tunnels.db.ssh_options.Match", "it is ssh_config structure")]
    [InlineData("LogLevel: QUIET", "tunnels.db.ssh_options.LogLevel", "ssh would no longer print the errors sshkeep reads")]
    [InlineData("StrictHostKeyChecking: maybe", "tunnels.db.ssh_options.StrictHostKeyChecking", "StrictHostKeyChecking \"maybe\" is refused: expected yes, accept-new, ask, or no (not recommended)")]
    [InlineData("ServerAliveInterval: 0", "tunnels.db.ssh_options.ServerAliveInterval", "\"0\" is not a whole number from 1 to 3600")]
    [InlineData("ConnectTimeout: 1m", "tunnels.db.ssh_options.ConnectTimeout", "\"1m\" is not a whole number from 1 to 600")]
    [InlineData("ProxyJump: \"a\\nb\"", "tunnels.db.ssh_options.ProxyJump", "\"a\\nb\" contains a control character (newline, tab…); expected the option's value on one line")]
    [InlineData("ProxyJump: \"\"", "tunnels.db.ssh_options.ProxyJump", "empty text; expected the option's value")]
    [InlineData("ProxyJump: [a, b]", "tunnels.db.ssh_options.ProxyJump", "expected the option's value, found a list")]
    public void A_refused_ssh_option_is_one_error_with_its_reason(string option, string key, string message)
    {
        var error = SingleError(Tunnel($"ssh_options:\n  {option}"));

        Assert.Equal(key, error.Key);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(BodyLine + 1, error.Line);
    }

    [Theory]
    [InlineData("ProxyJump: gw", "")]
    [InlineData("RemoteCommand: none", "")]
    [InlineData("SessionType: none", "")]
    [InlineData("RequestTTY: no", "")]
    [InlineData("BatchMode: yes", "")]
    [InlineData("ExitOnForwardFailure: yes", "")]
    [InlineData("ForkAfterAuthentication: no", "")]
    [InlineData("PermitLocalCommand: no", "")]
    [InlineData("ClearAllForwardings: no", "")]
    [InlineData("StdinNull: yes", "")]
    [InlineData("LogLevel: ERROR", "")]
    [InlineData("ForwardX11: no", "")]
    [InlineData("PKCS11Provider: /usr/lib/p11.so", "")]
    [InlineData("KeepAlive: yes", "")]
    [InlineData("SomeFutureOption: 1", "")]
    [InlineData("ProxyCommand: ssh -W %h:%p gw", "")]
    public void An_accepted_ssh_option_passes_through(string option, string unused)
    {
        _ = unused;
        var tunnel = OneTunnel($"ssh_options:\n  {option}");

        var (key, value) = (option[..option.IndexOf(':')], option[(option.IndexOf(':') + 2)..]);
        Assert.Equal([new(key, value)], tunnel.SshOptions);
    }

    [Fact]
    public void The_same_ssh_option_in_two_cases_is_set_twice()
    {
        var error = SingleError(Tunnel("ssh_options:\n  ProxyJump: a\n  proxyjump: b"));

        Assert.Equal("t.yaml:8:7: tunnels.db.ssh_options.proxyjump: `proxyjump` is already set as `ProxyJump` on line 7 (ssh keywords ignore case); set it once", error.ToString());
    }

    [Fact]
    public void A_keepalive_option_that_disagrees_with_health_in_the_same_section_is_an_error()
    {
        var error = SingleError(Tunnel("health: { server_alive_interval: 10 }\nssh_options: { ServerAliveInterval: 15 }"));

        Assert.Equal("t.yaml:7:41: tunnels.db.ssh_options.ServerAliveInterval: ServerAliveInterval 15 disagrees with health.server_alive_interval 10 (line 6); set one of them", error.ToString());
    }

    [Fact]
    public void A_user_in_destination_and_a_user_option_is_an_error()
    {
        var error = SingleError("""
            defaults:
              ssh_options: { User: bob }
            tunnels:
              db:
                destination: deploy@bastion
                forwards: [ { local: "1001:h:1" } ]
            """);

        Assert.Equal("t.yaml:5:18: tunnels.db.destination: \"deploy@bastion\" names the user \"deploy\" and ssh_options sets User \"bob\" (defaults.ssh_options.User, line 2); name the user once", error.ToString());
    }

    [Fact]
    public void A_user_option_without_a_user_in_destination_is_fine()
    {
        var tunnel = Assert.Single(Valid("""
            defaults:
              ssh_options: { User: bob }
            tunnels:
              db: { destination: bastion, forwards: [ { local: "1001:h:1" } ] }
            """).Tunnels);

        Assert.Equal([new("User", "bob")], tunnel.SshOptions);
    }

    [Theory]
    [InlineData("127.0.0.1:8080:h:1", "127.0.0.1:8080:h:2", "\"127.0.0.1:8080\"")]
    [InlineData("8080:h:1", "127.0.0.1:8080:h:2", "\"127.0.0.1:8080\"")]
    [InlineData("8080:h:1", "[::1]:8080:h:2", "\"[::1]:8080\"")]
    [InlineData("localhost:8080:h:1", "8080:h:2", "\"8080\"")]
    [InlineData("*:8080:h:1", "10.1.2.3:8080:h:2", "\"10.1.2.3:8080\"")]
    [InlineData("0.0.0.0:8080:h:1", "127.0.0.1:8080:h:2", "\"127.0.0.1:8080\"")]
    [InlineData("[::]:8080:h:1", "[::1]:8080:h:2", "\"[::1]:8080\"")]
    [InlineData("*:8080:h:1", "myhost:8080:h:2", "\"myhost:8080\"")]
    [InlineData("MyHost:8080:h:1", "myhost:8080:h:2", "\"myhost:8080\"")]
    public void Two_tunnels_listening_on_one_local_port_is_an_error_naming_both(string first, string second, string quoted)
    {
        var error = SingleError($$"""
            tunnels:
              db: { destination: a, forwards: [ { local: "{{first}}" } ] }
              web:
                destination: b
                forwards:
                  - local: "{{second}}"
            """);

        Assert.Equal($"t.yaml:6:16: tunnels.web.forwards[0].local: {quoted} is already a listen address of tunnel `db` (tunnels.db.forwards[0].local, line 2); two forwards cannot listen on one port", error.ToString());
    }

    [Fact]
    public void A_dynamic_forward_clashes_with_a_local_one_on_the_same_port()
    {
        var error = SingleError("""
            tunnels:
              db:
                destination: a
                forwards:
                  - local: "1080:h:1"
                  - dynamic: 1080
            """);

        Assert.Equal("t.yaml:6:18: tunnels.db.forwards[1].dynamic: \"1080\" is already a listen address of forwards[0].local of this tunnel (line 5); two forwards cannot listen on one port", error.ToString());
    }

    [Fact]
    public void Two_tunnels_asking_one_server_for_the_same_remote_port_is_an_error()
    {
        var error = SingleError("""
            tunnels:
              one: { destination: deploy@edge, forwards: [ { remote: "8080:localhost:80" } ] }
              two: { destination: Deploy@Edge, forwards: [ { type: remote, port: 8080, to: "localhost:81" } ] }
            """);

        Assert.Equal("t.yaml:3:48: tunnels.two.forwards[0]: \"8080\" on Deploy@Edge is already a listen address of tunnel `one` (tunnels.one.forwards[0].remote, line 2); two forwards cannot listen on one port", error.ToString());
    }

    [Fact]
    public void A_remote_port_clashes_on_any_server_two_tunnels_may_both_use_and_is_reported_once()
    {
        var error = SingleError("""
            tunnels:
              one: { destination: [edge1, edge2], forwards: [ { remote: "8080:localhost:80" } ] }
              two: { destination: [edge2, edge1], forwards: [ { remote: "8080:localhost:81" } ] }
            """);

        Assert.Equal("t.yaml:3:61: tunnels.two.forwards[0].remote: \"8080\" on edge2 is already a listen address of tunnel `one` (tunnels.one.forwards[0].remote, line 2); two forwards cannot listen on one port", error.ToString());
    }

    [Theory]
    [InlineData("tunnels: {}", "1:1", "tunnels", "no tunnels; add at least one under `tunnels:` (to stop them all, use `sshkeep stop`)")]
    [InlineData("tunnels:", "1:1", "tunnels", "no tunnels; add at least one")]
    [InlineData("defaults: {}", "1:1", "tunnels", "no `tunnels:`; expected a map from each tunnel's name to its settings")]
    [InlineData("tunnels: [a, b]", "1:10", "tunnels", "expected a map from each tunnel's name to its settings, found a list")]
    [InlineData("- a\n- b", "1:1", "", "expected a map with `tunnels:` (and optionally `defaults:`, `ready_when:`, `version:`), found a list")]
    [InlineData("just text", "1:1", "", "\"just text\" is not a map with `tunnels:`")]
    [InlineData("", "1:1", "", "the file is empty; expected a map with `tunnels:`")]
    [InlineData("# only a comment\n", "1:1", "", "the file is empty")]
    [InlineData("tunnel: {}", "1:1", "tunnel", "unknown key `tunnel`; did you mean `tunnels`?")]
    [InlineData("tunnels:\n  db: deploy@host", "2:7", "tunnels.db", "\"deploy@host\" is not a map of tunnel settings (destination, forwards, …)")]
    [InlineData("tunnels:\n  db: { destination: h }", "2:3", "tunnels.db", "no `forwards`; a tunnel needs at least one")]
    [InlineData("tunnels:\n  \"bad name\": { destination: h, forwards: [ { local: \"1:h:1\" } ] }", "2:3", "tunnels.bad name", "tunnel name \"bad name\" is not accepted; expected 1 to 64 letters, digits, '.', '_' or '-', not starting with '.' or '-'")]
    [InlineData("tunnels:\n  -db: { destination: h, forwards: [ { local: \"1:h:1\" } ] }", "2:3", "tunnels.-db", "tunnel name \"-db\" is not accepted")]
    [InlineData("tunnels:\n  .db: { destination: h, forwards: [ { local: \"1:h:1\" } ] }", "2:3", "tunnels..db", "tunnel name \".db\" is not accepted")]
    [InlineData("tunnels:\n  a1234567890123456789012345678901234567890123456789012345678901234: { destination: h, forwards: [ { local: \"1:h:1\" } ] }", "2:3", "tunnels.a1234567890123456789012345678901234567890123456789012345678901234", "is not accepted")]
    [InlineData("ready_when: allup\ntunnels:\n  db: { destination: h, forwards: [ { local: \"1:h:1\" } ] }", "1:13", "ready_when", "\"allup\" is not one of `all-up`, `first-attempt`; did you mean `all-up`?")]
    [InlineData("ready_timeout: 0\ntunnels:\n  db: { destination: h, forwards: [ { local: \"1:h:1\" } ] }", "1:16", "ready_timeout", "\"0\" is not a number of seconds from 0.5 to 3600")]
    [InlineData("version: 2\ntunnels:\n  db: { destination: h, forwards: [ { local: \"1:h:1\" } ] }", "1:10", "version", "\"2\" is not 1 (the only version of this format)")]
    [InlineData("defaults: { destination: h }\ntunnels:\n  db: { destination: h, forwards: [ { local: \"1:h:1\" } ] }", "1:13", "defaults.destination", "`destination` cannot be a default: each tunnel sets its own")]
    [InlineData("defaults: { forwards: [] }\ntunnels:\n  db: { destination: h, forwards: [ { local: \"1:h:1\" } ] }", "1:13", "defaults.forwards", "`forwards` cannot be a default: each tunnel sets its own")]
    [InlineData("defaults: { ssh_options: { ProxyJump: ~ } }\ntunnels:\n  db: { destination: h, forwards: [ { local: \"1:h:1\" } ] }", "1:39", "defaults.ssh_options.ProxyJump", "no value; expected the option's value (a null value removes an inherited option, and only in a tunnel)")]
    [InlineData("defaults: [port]\ntunnels:\n  db: { destination: h, forwards: [ { local: \"1:h:1\" } ] }", "1:11", "defaults", "expected a map of tunnel settings, found a list")]
    public void A_bad_file_structure_is_one_error_at_its_place(string yaml, string at, string key, string message)
    {
        AssertError(yaml, at, key, message);
    }

    [Fact]
    public void A_tunnel_without_destination_and_forwards_gets_both_errors_at_its_name()
    {
        var errors = Errors("tunnels:\n  db: {}");

        Assert.Equal(
            ["t.yaml:2:3: tunnels.db: no `destination`; expected [user@]host, the server this tunnel goes through",
             "t.yaml:2:3: tunnels.db: no `forwards`; a tunnel needs at least one `local`, `remote` or `dynamic` forward"],
            errors.Select(e => e.ToString()));
    }

    [Fact]
    public void A_misspelt_required_key_is_not_also_reported_missing()
    {
        var error = SingleError("tunnels:\n  db:\n    destnation: h\n    forwards: [ { local: \"1:h:1\" } ]");

        Assert.Equal("t.yaml:3:5: tunnels.db.destnation: unknown key `destnation`; did you mean `destination`?", error.ToString());
    }

    [Fact]
    public void A_mistake_in_defaults_is_reported_once_however_many_tunnels_inherit_it()
    {
        var errors = Errors("""
            defaults:
              health: { probe_timeout: 10 }
            tunnels:
              a: { destination: h, forwards: [ { local: "1001:h:1" } ] }
              b: { destination: h, forwards: [ { local: "1002:h:1" } ] }
            """);

        var error = Assert.Single(errors);
        Assert.Equal("t.yaml:2:28: defaults.health.probe_timeout: probe_timeout 10 is not shorter than probe_interval 5 (built-in default); a probe must end before the next one starts", error.ToString());
    }

    [Fact]
    public void A_rule_between_a_tunnel_value_and_a_default_points_at_the_tunnel_and_cites_the_default()
    {
        var error = SingleError("""
            defaults:
              health: { probe_interval: 2 }
            tunnels:
              a:
                destination: h
                forwards: [ { local: "1001:h:1" } ]
                health: { probe_timeout: 2.5 }
            """);

        Assert.Equal("t.yaml:7:30: tunnels.a.health.probe_timeout: probe_timeout 2.5 is not shorter than probe_interval 2 (defaults.health.probe_interval, line 2); a probe must end before the next one starts", error.ToString());
    }

    [Fact]
    public void A_tilde_without_a_home_directory_is_an_error_not_a_guess()
    {
        var error = SingleError(Tunnel("identity_file: ~/.ssh/id"), home: null);

        Assert.Equal("t.yaml:6:20: tunnels.db.identity_file: \"~/.ssh/id\" starts with ~ but HOME is not set to an absolute path; write the full path", error.ToString());
    }

    [Fact]
    public void Every_error_of_a_file_is_reported_at_once_in_file_order()
    {
        var errors = Errors("""
            tunnels:
              db:
                destination: "-x"
                port: 0
                forwards:
                  - local: "8080"
                colour: red
              web:
                destination: ok
                forwards: [ { dynamic: 0 } ]
            """);

        Assert.Equal([3, 4, 6, 7, 10], errors.Select(e => e.Line));
    }

    private static void AssertError(string yaml, string at, string key, string message)
    {
        var error = SingleError(yaml);

        if ($"{error.Line}:{error.Column}" != at || error.Key != key || !error.Message.Contains(message, StringComparison.Ordinal))
        {
            Assert.Fail($"expected {at}: {key}: …{message}…\ngot      {error}");
        }

        Assert.Equal(FileName, error.File);
    }
}
