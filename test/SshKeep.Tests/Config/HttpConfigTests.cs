using System.Net;
using SshKeep.Config;
using static SshKeep.Tests.Config.ConfigYaml;

namespace SshKeep.Tests.Config;

/// <summary>The <c>http:</c> key and the <c>--http</c> value: where the daemon's HTTP listener binds.</summary>
public sealed class HttpConfigTests
{
    [Theory]
    [InlineData("127.0.0.1:9180", "127.0.0.1", 9180, true)]
    [InlineData("9180", "127.0.0.1", 9180, true)]
    [InlineData("localhost:1", "127.0.0.1", 1, true)]
    [InlineData("LOCALHOST:65535", "127.0.0.1", 65535, true)]
    [InlineData("[::1]:9180", "::1", 9180, true)]
    [InlineData("127.0.0.2:80", "127.0.0.2", 80, true)]
    [InlineData("0.0.0.0:9180", "0.0.0.0", 9180, false)]
    [InlineData("[::]:9180", "::", 9180, false)]
    [InlineData("192.0.2.10:9180", "192.0.2.10", 9180, false)]
    public void A_listen_address_is_an_address_and_a_port(string text, string address, int port, bool loopback)
    {
        Assert.True(HttpListen.TryParse(text, out var listen, out var error), error);

        Assert.Equal(IPAddress.Parse(address), listen.Address);
        Assert.Equal(port, listen.Port);
        Assert.Equal(loopback, listen.IsLoopback);
    }

    [Theory]
    [InlineData("127.0.0.1:9180")]
    [InlineData("[::1]:9180")]
    [InlineData("[::]:80")]
    public void A_listen_address_is_written_as_a_url_authority(string text)
    {
        Assert.True(HttpListen.TryParse(text, out var listen, out var error), error);

        Assert.Equal(text, listen.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("65536")]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.1:")]
    [InlineData("127.0.0.1:http")]
    [InlineData("127.0.0.1:+80")]
    [InlineData("127.1:9180")]
    [InlineData("example.com:9180")]
    [InlineData("::1:9180")]
    [InlineData("[::1]9180")]
    [InlineData("[fe80::1%eth0]:9180")]
    [InlineData(":9180")]
    public void Anything_else_is_refused_with_the_value_and_what_is_accepted(string text)
    {
        Assert.False(HttpListen.TryParse(text, out _, out var error));

        Assert.Contains($"\"{text}\" is not a listen address; expected ADDRESS:PORT", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[fe80::1]:19188", "\"[fe80::1]:19188\" is an IPv6 link-local address, which needs an interface (scope id) sshkeep does not take")]
    [InlineData("[FE80::abcd:1]:80", "is an IPv6 link-local address")]
    [InlineData("[::ffff:127.0.0.1]:19188", "\"[::ffff:127.0.0.1]:19188\" is an IPv4 address written as IPv6; write it as 127.0.0.1:19188")]
    [InlineData("[::ffff:192.0.2.10]:80", "write it as 192.0.2.10:80")]
    public void An_address_no_listener_can_ever_bind_is_refused_saying_why(string text, string why)
    {
        Assert.False(HttpListen.TryParse(text, out _, out var error));

        Assert.Contains(why, error, StringComparison.Ordinal);
    }

    [Theory]
    // listen address, this machine's interface addresses → bindable now
    [InlineData("127.0.0.1:9180", "", true)]
    [InlineData("127.0.0.2:9180", "", true)]
    [InlineData("[::1]:9180", "", true)]
    [InlineData("0.0.0.0:9180", "", true)]
    [InlineData("[::]:9180", "", true)]
    [InlineData("192.0.2.10:19188", "10.0.0.5 2001:db8::5", false)]
    [InlineData("10.0.0.5:9180", "10.0.0.5 2001:db8::5", true)]
    [InlineData("[2001:db8::5]:9180", "10.0.0.5 2001:db8::5", true)]
    public void An_address_is_on_this_machine_when_an_interface_has_it(string text, string addresses, bool onThisMachine)
    {
        Assert.True(HttpListen.TryParse(text, out var listen, out _));

        Assert.Equal(onThisMachine, listen.IsOnThisMachine(addresses.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(IPAddress.Parse)));
    }

    [Theory]
    [InlineData("192.0.2.10:19188", true)]
    [InlineData("10.0.0.5:9180", false)]
    [InlineData("127.0.0.1:9180", false)]
    public void Check_warns_about_an_http_address_no_interface_has_and_still_passes(string listen, bool warned)
    {
        var result = ConfigLoader.Parse($"http: {{ listen: \"{listen}\" }}\n" + Tunnel(""), "t.yaml", "/home/u");

        var text = ConfigCheck.Render(result, [IPAddress.Parse("10.0.0.5")]);

        Assert.Equal(warned, text.Contains(
            $"http.listen: warning: {listen} is not an address of this machine now, so `sshkeep up` cannot listen there until an interface has it\n", StringComparison.Ordinal));
        Assert.Equal(0, ConfigCheck.ExitCode(result));
    }

    [Theory]
    [InlineData("127.0.0.1:9180", "127.0.0.1:9180")]
    [InlineData("[::1]:80", "[::1]:80")]
    [InlineData("9180", "127.0.0.1:9180")]
    public void A_listen_address_prints_as_a_url_authority(string text, string printed)
    {
        Assert.True(HttpListen.TryParse(text, out var listen, out _));

        Assert.Equal(printed, listen.ToString());
    }

    [Fact]
    public void Without_an_http_key_there_is_no_listener()
    {
        Assert.Null(Valid(Tunnel("")).Http);
    }

    [Theory]
    [InlineData("http: { listen: \"127.0.0.1:9333\" }", "127.0.0.1:9333")]
    [InlineData("http:\n  listen: \"[::1]:9180\"", "[::1]:9180")]
    [InlineData("http: {}", "127.0.0.1:9180")]
    [InlineData("http:", "127.0.0.1:9180")]
    public void The_http_key_listens_on_loopback_port_9180_unless_told_otherwise(string http, string listen)
    {
        var config = Valid(http + "\n" + Tunnel(""));

        Assert.Equal(listen, config.Http?.ToString());
    }

    [Theory]
    [InlineData("http: { listen: \"db.example:80\" }", "http.listen", "\"db.example:80\" is not a listen address")]
    [InlineData("http: { listen: 70000 }", "http.listen", "\"70000\" is not a listen address")]
    [InlineData("http: { listen: }", "http.listen", "no value; expected ADDRESS:PORT")]
    [InlineData("http: { lisen: \"127.0.0.1:80\" }", "http.lisen", "unknown key `lisen`; did you mean `listen`?")]
    [InlineData("http: 9180", "http", "is not a map with `listen:`")]
    public void A_bad_http_section_is_one_error_with_its_key(string http, string key, string message)
    {
        var error = SingleError(http + "\n" + Tunnel(""));

        Assert.Equal(1, error.Line);
        Assert.Equal(key, error.Key);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
