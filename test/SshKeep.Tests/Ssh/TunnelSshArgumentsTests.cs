using SshKeep.Config;
using SshKeep.Ssh;

namespace SshKeep.Tests.Ssh;

/// <summary>The daemon's ssh argv for one tunnel: fixed safety options first, the
/// seed's keepalive set unless the tunnel wrote it, the user's options, then -p, -i, forwards,
/// "--" and the destination.</summary>
public sealed class TunnelSshArgumentsTests
{
    private const string Head = "-N -T -o BatchMode=yes";
    private const string Seed = "-o ServerAliveInterval=10 -o ServerAliveCountMax=3 -o ConnectTimeout=10 -o ExitOnForwardFailure=yes -o LogLevel=VERBOSE";
    private const string NoMux = "-o ControlMaster=no -o ControlPath=none";

    [Theory]
    // Defaults: everything sshkeep adds, in order.
    [InlineData("", $"{Head} {Seed} {NoMux} -L 8080:localhost:80 -- deploy@bastion")]
    // The user's options come after ours, in their order, as -o Key=Value.
    [InlineData("ProxyJump=jump@gw;Compression=yes", $"{Head} {Seed} {NoMux} -o ProxyJump=jump@gw -o Compression=yes -L 8080:localhost:80 -- deploy@bastion")]
    // A seed option the tunnel wrote replaces ours, whatever its case (ssh keywords ignore case).
    [InlineData("serveraliveinterval=30", $"{Head} -o ServerAliveCountMax=3 -o ConnectTimeout=10 -o ExitOnForwardFailure=yes -o LogLevel=VERBOSE {NoMux} -o serveraliveinterval=30 -L 8080:localhost:80 -- deploy@bastion")]
    [InlineData("ServerAliveCountMax=5", $"{Head} -o ServerAliveInterval=10 -o ConnectTimeout=10 -o ExitOnForwardFailure=yes -o LogLevel=VERBOSE {NoMux} -o ServerAliveCountMax=5 -L 8080:localhost:80 -- deploy@bastion")]
    [InlineData("CONNECTTIMEOUT=3", $"{Head} -o ServerAliveInterval=10 -o ServerAliveCountMax=3 -o ExitOnForwardFailure=yes -o LogLevel=VERBOSE {NoMux} -o CONNECTTIMEOUT=3 -L 8080:localhost:80 -- deploy@bastion")]
    [InlineData("ExitOnForwardFailure=yes", $"{Head} -o ServerAliveInterval=10 -o ServerAliveCountMax=3 -o ConnectTimeout=10 -o LogLevel=VERBOSE {NoMux} -o ExitOnForwardFailure=yes -L 8080:localhost:80 -- deploy@bastion")]
    // Options sshkeep cannot supervise without are never taken from the tunnel (the loader
    // refuses them; a tunnel built by hand loses them here).
    [InlineData("BatchMode=no;ControlMaster=auto;controlpath=~/.ssh/cm-%C", $"{Head} {Seed} {NoMux} -L 8080:localhost:80 -- deploy@bastion")]
    // Host key checking only as the tunnel says: passed through when set, never added.
    [InlineData("StrictHostKeyChecking=no", $"{Head} {Seed} {NoMux} -o StrictHostKeyChecking=no -L 8080:localhost:80 -- deploy@bastion")]
    [InlineData("StrictHostKeyChecking=accept-new", $"{Head} {Seed} {NoMux} -o StrictHostKeyChecking=accept-new -L 8080:localhost:80 -- deploy@bastion")]
    // A value with spaces stays one argument.
    [InlineData("ProxyCommand=ssh -W %h:%p gw", $"{Head} {Seed} {NoMux} -o|ProxyCommand=ssh -W %h:%p gw|-L 8080:localhost:80 -- deploy@bastion")]
    public void Options_come_in_a_fixed_order_and_the_tunnel_overrides_only_the_seed_set(string options, string expected)
    {
        var tunnel = Tunnel() with { SshOptions = Options(options) };

        Assert.Equal(Split(expected), TunnelSshArguments.Build(tunnel));
    }

    [Fact]
    public void With_a_control_path_ssh_is_the_master_of_its_own_session()
    {
        var argv = TunnelSshArguments.Build(Tunnel(), "/run/sshkeep/mux-3f2a9c1b7d4e%");

        Assert.Equal(Split($"{Head} {Seed} -o ControlMaster=yes -o ControlPath=/run/sshkeep/mux-3f2a9c1b7d4e%% -o ControlPersist=no -L 8080:localhost:80 -- deploy@bastion"), argv);
    }

    [Fact]
    public void Health_settings_give_the_keepalive_values()
    {
        var tunnel = Tunnel() with { Health = new HealthSettings { ServerAliveInterval = 2, ServerAliveCountMax = 4, ConnectTimeout = 7 } };

        var argv = TunnelSshArguments.Build(tunnel);

        Assert.Equal(["-o", "ServerAliveInterval=2", "-o", "ServerAliveCountMax=4", "-o", "ConnectTimeout=7"], argv.Skip(4).Take(6));
    }

    [Fact]
    public void Port_identity_and_every_forward_come_after_the_options()
    {
        var tunnel = Tunnel() with
        {
            Port = 2222,
            IdentityFile = "/home/u/.ssh/id ed25519",
            Forwards =
            [
                new ForwardSpec(ForwardKind.Local, "127.0.0.1", 15432, "db.internal", 5432),
                new ForwardSpec(ForwardKind.Local, "::1", 8080, "fe80::1", 80),
                new ForwardSpec(ForwardKind.Remote, null, 8080, "localhost", 80),
                new ForwardSpec(ForwardKind.Dynamic, "*", 1080, null, null),
            ],
        };

        var argv = TunnelSshArguments.Build(tunnel);

        Assert.Equal(
            ["-p", "2222", "-i", "/home/u/.ssh/id ed25519",
             "-L", "127.0.0.1:15432:db.internal:5432", "-L", "[::1]:8080:[fe80::1]:80", "-R", "8080:localhost:80", "-D", "*:1080",
             "--", "deploy@bastion"],
            argv.Skip(Split($"{Head} {Seed} {NoMux}").Count));
    }

    [Theory]
    [InlineData("-oProxyCommand=touch /tmp/x")]
    [InlineData("--")]
    [InlineData("-V")]
    public void The_destination_comes_after_a_double_dash_so_it_is_never_an_option(string destination)
    {
        // The loader refuses these; the builder does not rely on it.
        var argv = TunnelSshArguments.Build(Tunnel() with { Destinations = [destination] });

        Assert.Equal(["--", destination], argv.TakeLast(2));
        Assert.Equal(argv.Count - 2, argv.ToList().IndexOf("--"));
    }

    [Fact]
    public void A_loaded_tunnel_gets_its_keepalive_options_exactly_once()
    {
        var config = Assert.IsType<ConfigLoadResult.Valid>(ConfigLoader.Parse("""
            defaults:
              ssh_options: { ServerAliveInterval: "15" }
            tunnels:
              db:
                destination: deploy@bastion
                forwards: [ { local: "8080:localhost:80" } ]
                ssh_options: { ConnectTimeout: 4, ProxyJump: gw }
            """, "t.yaml", "/home/u")).Config;

        var argv = TunnelSshArguments.Build(Assert.Single(config.Tunnels));

        Assert.Equal(
            Split($"{Head} -o ServerAliveInterval=15 -o ServerAliveCountMax=3 -o ConnectTimeout=4 -o ExitOnForwardFailure=yes -o LogLevel=VERBOSE {NoMux} -o ProxyJump=gw -L 8080:localhost:80 -- deploy@bastion"),
            argv);
    }

    [Fact]
    public void The_argv_is_the_same_every_time()
    {
        var tunnel = Tunnel() with { SshOptions = Options("ProxyJump=gw") };

        Assert.Equal(TunnelSshArguments.Build(tunnel), TunnelSshArguments.Build(tunnel));
    }

    private static TunnelConfig Tunnel() => new()
    {
        Name = "db",
        Destinations = ["deploy@bastion"],
        Forwards = [new ForwardSpec(ForwardKind.Local, null, 8080, "localhost", 80)],
    };

    private static IReadOnlyList<KeyValuePair<string, string>> Options(string options) =>
        [.. options.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(o => o.Split('=', 2)).Select(kv => new KeyValuePair<string, string>(kv[0], kv[1]))];

    /// <summary>Splits at spaces; a part between '|' is kept whole (a value with spaces).</summary>
    private static List<string> Split(string argv) =>
        [.. argv.Split('|').SelectMany((part, i) => i % 2 == 1 ? [part] : part.Split(' ', StringSplitOptions.RemoveEmptyEntries))];
}
