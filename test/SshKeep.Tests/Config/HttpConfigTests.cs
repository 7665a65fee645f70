using System.Net;
using SshKeep.Config;
using static SshKeep.Tests.Config.ConfigYaml;

namespace SshKeep.Tests.Config;

/// <summary>The <c>http:</c> key and the <c>--http</c> value (issue 5): where the daemon's HTTP listener binds.</summary>
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

        Assert.Equal(listen, config.Http?.Listen.ToString());
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
