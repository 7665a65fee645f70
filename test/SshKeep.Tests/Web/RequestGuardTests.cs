using System.Net;
using SshKeep.Web;

namespace SshKeep.Tests.Web;

/// <summary>Who may read the page and press its buttons (pure).</summary>
public sealed class RequestGuardTests
{
    private static readonly PageToken Token = new("the-token");

    [Theory]
    [InlineData("127.0.0.1:9180", null)]
    [InlineData("127.0.0.1", null)]
    [InlineData("[::1]:9180", null)]
    [InlineData("localhost:9180", null)]
    [InlineData("LocalHost", null)]
    [InlineData("192.0.2.7:80", null)]
    [InlineData("myhost:9180", null)]
    [InlineData("MYHOST", null)]
    [InlineData("evil.example:9180", "neither an IP address, localhost nor this machine's name")]
    [InlineData("myhost.evil.example", "neither an IP address")]
    [InlineData("127.0.0.1:x", "is not host[:port]")]
    [InlineData("[::1", "is not host[:port]")]
    [InlineData("", "no Host header")]
    [InlineData(null, "no Host header")]
    public void The_page_answers_only_to_an_address_localhost_or_the_machine_name(string? host, string? problem)
    {
        var answer = RequestGuard.HostProblem(host, "myhost");

        if (problem is null) Assert.Null(answer);
        else Assert.Contains(problem, answer, StringComparison.Ordinal);
    }

    [Theory]
    // token, origin, Sec-Fetch-Site → problem (null: allowed)
    [InlineData("the-token", null, null, null)]                                         // curl
    [InlineData("the-token", "http://127.0.0.1:9180", "same-origin", null)]            // the page
    [InlineData("the-token", "HTTP://127.0.0.1:9180", null, null)]
    [InlineData("the-token", null, "none", null)]
    [InlineData(null, "http://127.0.0.1:9180", "same-origin", "no X-SshKeep-Token header")]
    [InlineData("", null, null, "wrong X-SshKeep-Token")]
    [InlineData("the-token-", null, null, "wrong X-SshKeep-Token")]
    [InlineData("THE-TOKEN", null, null, "wrong X-SshKeep-Token")]
    [InlineData("the-token", "http://evil.example", "cross-site", "Sec-Fetch-Site is \"cross-site\"")]
    [InlineData("the-token", null, "same-site", "Sec-Fetch-Site is \"same-site\"")]
    [InlineData("the-token", "http://evil.example", null, "Origin \"http://evil.example\" is not this page's")]
    [InlineData("the-token", "null", null, "Origin \"null\"")]
    [InlineData("the-token", "https://127.0.0.1:9180", null, "is not this page's")]
    [InlineData("the-token", "http://127.0.0.1:9181", "same-origin", "is not this page's")]
    public void A_post_needs_the_token_and_if_the_browser_says_where_it_comes_from_this_page(string? token, string? origin, string? site, string? problem)
    {
        var answer = RequestGuard.PostProblem("127.0.0.1:9180", "myhost", token, Token, origin, site);

        if (problem is null) Assert.Null(answer);
        else Assert.Contains(problem, answer, StringComparison.Ordinal);
    }

    [Theory]
    // peer uid (null: not from this machine) → problem (null: allowed), for a daemon running as uid 1000
    [InlineData(1000u, null)]
    [InlineData(0u, null)]
    [InlineData(1001u, "uid 1001 may not control this sshkeep: it runs as uid 1000, and only that uid and root may")]
    [InlineData(65534u, "uid 65534 may not control this sshkeep")]
    [InlineData(null, "192.0.2.7:40000 is not a connection from this machine, so its uid is unknown")]
    public void The_page_and_its_buttons_are_for_the_daemons_uid_and_root_as_on_the_control_socket(uint? uid, string? problem)
    {
        var answer = RequestGuard.PeerProblem(new HttpPeer(IPEndPoint.Parse(uid is null ? "192.0.2.7:40000" : "127.0.0.1:40000"), uid), 1000);

        if (problem is null) Assert.Null(answer);
        else Assert.StartsWith(problem, answer, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_peer_the_page_is_refused()
    {
        Assert.NotNull(RequestGuard.PeerProblem(null, 1000));
    }

    [Fact]
    public void A_post_with_the_token_from_a_rebinding_host_is_refused()
    {
        Assert.Contains("neither an IP address",
            RequestGuard.PostProblem("evil.example:9180", "myhost", "the-token", Token, "http://evil.example:9180", "same-origin"), StringComparison.Ordinal);
    }

    [Fact]
    public void Tokens_are_random_long_and_safe_in_html_and_headers()
    {
        var a = PageToken.CreateRandom().Value;
        var b = PageToken.CreateRandom().Value;

        Assert.NotEqual(a, b);
        Assert.Equal(43, a.Length);
        Assert.All(a, c => Assert.True(char.IsAsciiLetterOrDigit(c) || c is '-' or '_', $"'{c}'"));
    }
}
