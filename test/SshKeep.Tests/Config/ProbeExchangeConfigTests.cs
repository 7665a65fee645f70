using SshKeep.Config;
using static SshKeep.Tests.Config.ConfigYaml;

namespace SshKeep.Tests.Config;

/// <summary>A forward's `probe` map: what is accepted and each refusal.</summary>
public sealed class ProbeExchangeConfigTests
{
    private static string Forwards(params string[] lines) => "forwards:\n" + string.Join('\n', lines);

    [Fact]
    public void A_forward_without_probe_only_connects() =>
        Assert.True(OneTunnel("enabled: true").Forwards[0].Probe.IsConnectOnly);

    [Fact]
    public void The_short_form_takes_send_and_expect_with_line_breaks_in_send()
    {
        var tunnel = OneTunnel(Forwards("  - local: \"6380:cache:6379\"", "    probe: { send: \"PING\\r\\n\", expect: \"+PONG\" }"));

        Assert.Equal(new ProbeExchange("PING\r\n", "+PONG", null), tunnel.Forwards[0].Probe);
    }

    [Fact]
    public void The_long_form_takes_an_http_path()
    {
        var tunnel = OneTunnel(Forwards("  - { type: remote, port: 8080, to: \"localhost:80\", probe: { http: /healthz } }"));

        Assert.Equal("/healthz", tunnel.Forwards[0].Probe.HttpPath);
    }

    [Theory]
    [InlineData("probe: { http: /x, send: a }", "use either `http` or `send`/`expect`, not both")]
    [InlineData("probe: { }", "an empty probe")]
    [InlineData("probe: { http: healthz }", "a path starting with '/'")]
    [InlineData("probe: { expect: \"a\\nb\" }", "contains a control character; one line")]
    [InlineData("probe: { sned: x }", "did you mean `send`?")]
    [InlineData("probe: ping", "is not a map with `send` and/or `expect`, or `http: /path`")]
    public void A_wrong_probe_is_one_clear_error(string probe, string message)
    {
        var error = SingleError(Tunnel(Forwards("  - local: \"6380:cache:6379\"", "    " + probe)));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.StartsWith("tunnels.db.forwards[0].probe", error.Key, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dynamic_forward_refuses_a_probe()
    {
        var error = SingleError(Tunnel(Forwards("  - dynamic: \"1080\"", "    probe: { send: x }")));

        Assert.Contains("a dynamic forward has no target", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_send_longer_than_the_bound_is_refused()
    {
        var error = SingleError(Tunnel(Forwards("  - local: \"6380:cache:6379\"", $"    probe: {{ send: \"{new string('a', ProbeExchangeReader.MaxLength + 1)}\" }}")));

        Assert.Contains("longer than 1024 characters", error.Message, StringComparison.Ordinal);
    }
}
