using System.Net;
using SshKeep.Demo;
using SshKeep.Tests.Daemon;
using SshKeep.Tests.Integration;
using SshKeep.Tests.Integration.Infrastructure;

namespace SshKeep.Tests.Security;

/// <summary>
/// Secure default: the real daemon's HTTP listener (<c>up --http</c>) obeys the control socket's
/// rule. A loopback client's uid comes from the kernel's socket table; only the daemon's own uid
/// and root get the page's token, the state, the full /healthz body and the buttons. Others can
/// flood it with refused requests or idle connections without filling the log or keeping the
/// daemon's own user (and root) out. docs/security.md, docs/observability.md.
/// </summary>
public sealed class HttpIsOwnerOnlyTests
{
    /// <summary>One HTTP/1.1 request (method, path, token or "", Host); prints the whole answer, or why there is none.</summary>
    private const string PerlRequest = """
        use IO::Socket::INET;
        my ($port, $method, $path, $token, $host) = @ARGV;
        my $s = IO::Socket::INET->new(PeerAddr => "127.0.0.1", PeerPort => $port, Proto => "tcp") or do { print "connect failed: $!\n"; exit 2 };
        print $s "$method $path HTTP/1.1\r\nHost: $host\r\n" . ($token ne "" ? "X-SshKeep-Token: $token\r\n" : "") . "Content-Length: 0\r\nConnection: close\r\n\r\n";
        local $/;
        my $answer = <$s>;
        print defined $answer && $answer ne "" ? $answer : "no answer\n";
        """;

    /// <summary>Opens up to N connections and sends nothing; says how many, then holds them until killed.</summary>
    private const string PerlIdle = """
        use IO::Socket::INET;
        $| = 1;
        my ($port, $n) = @ARGV;
        my @held;
        for (1 .. $n) { my $c = IO::Socket::INET->new(PeerAddr => "127.0.0.1", PeerPort => $port, Proto => "tcp") or last; push @held, $c; }
        print "opened " . scalar(@held) . "\n";
        sleep 300;
        """;

    [AsNobodyFact]
    public async Task Another_uid_gets_neither_the_token_nor_the_state_nor_the_buttons()
    {
        var port = LoopbackPort.PickFree();
        await using var daemon = await StartAsync(port);
        using var client = Client(port);
        var token = HttpAgainstSshdTests.TokenIn(await client.GetStringAsync(new Uri("/", UriKind.Relative)));

        var page = await AsNobodyAsync(port, "GET", "/");
        var state = await AsNobodyAsync(port, "GET", "/api/state");
        var health = await AsNobodyAsync(port, "GET", "/healthz");
        var metrics = await AsNobodyAsync(port, "GET", "/metrics");
        var restart = await AsNobodyAsync(port, "POST", "/api/tunnels/t/restart", token);

        Assert.StartsWith("HTTP/1.1 403", page, StringComparison.Ordinal);
        Assert.DoesNotContain(token, page, StringComparison.Ordinal);
        Assert.Contains("uid 65534 may not", page, StringComparison.Ordinal);
        Assert.StartsWith("HTTP/1.1 403", state, StringComparison.Ordinal);
        Assert.DoesNotContain("\"tunnels\"", state, StringComparison.Ordinal);
        Assert.StartsWith("HTTP/1.1 503", health, StringComparison.Ordinal); // the tunnel's ssh is /bin/false: never up
        Assert.DoesNotContain("\"tunnels\"", health, StringComparison.Ordinal);
        Assert.DoesNotContain(daemon.ConfigPath, health, StringComparison.Ordinal);
        Assert.StartsWith("HTTP/1.1 200", metrics, StringComparison.Ordinal); // for scrapers of any uid (docs/observability.md)
        Assert.StartsWith("HTTP/1.1 403", restart, StringComparison.Ordinal);
        Assert.Contains("uid 65534 may not control this sshkeep", restart, StringComparison.Ordinal);
        await Eventually.WaitUntilAsync(() => Task.FromResult(daemon.StandardError.Contains("refused POST /api/tunnels/t/restart from uid 65534", StringComparison.Ordinal)),
            () => $"the refusal logged with the peer's uid; the daemon said:\n{daemon.StandardError}");
        Assert.DoesNotContain("asked on the web page", daemon.StandardError, StringComparison.Ordinal);

        // The daemon's own user (root here) is still served, and its action is logged with its uid.
        Assert.Equal(HttpStatusCode.OK, await PostAsync(client, "/api/tunnels/t/restart", token));
        await Eventually.WaitUntilAsync(() => Task.FromResult(daemon.StandardError.Contains("restart t asked on the web page by uid 0", StringComparison.Ordinal)),
            () => $"the restart logged with the peer's uid; the daemon said:\n{daemon.StandardError}");
        Assert.DoesNotContain(token, daemon.StandardError, StringComparison.Ordinal);
    }

    [AsNobodyFact]
    public async Task Idle_connections_from_another_uid_do_not_keep_metrics_from_root()
    {
        var port = LoopbackPort.PickFree();
        await using var daemon = await StartAsync(port);
        await using var idle = BackgroundProcess.Start("setpriv",
            ["--reuid=65534", "--regid=65534", "--clear-groups", "perl", "-e", PerlIdle, port.ToString(System.Globalization.CultureInfo.InvariantCulture), "100"]);
        await Eventually.WaitUntilAsync(() => Task.FromResult(idle.StandardOutput.StartsWith("opened ", StringComparison.Ordinal)),
            () => $"nobody to open its connections; it said:\n{idle.StandardOutput}{idle.StandardError}");
        Assert.Equal("opened 100\n", idle.StandardOutput); // the kernel accepts them all; the daemon decides

        using var client = Client(port);
        using var metrics = await client.GetAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        Assert.False(idle.HasExited);
    }

    [Fact]
    public async Task A_flood_of_refused_requests_writes_a_few_lines_and_a_count()
    {
        var port = LoopbackPort.PickFree();
        await using var daemon = await StartAsync(port);
        using var client = Client(port);

        for (var i = 0; i < 300; i++)
            Assert.Equal(HttpStatusCode.Forbidden, await PostAsync(client, "/api/tunnels/t/restart", null));

        await Eventually.WaitUntilAsync(() => Task.FromResult(daemon.StandardError.Contains("more refused requests in the last", StringComparison.Ordinal)),
            () => $"a summary of the refusals not logged one by one; the daemon said:\n{daemon.StandardError}", TimeSpan.FromSeconds(60));
        // 5 a window of 10 s: 300 refusals in a line would need a minute to reach 30 lines.
        Assert.InRange(daemon.StandardError.Split('\n').Count(l => l.Contains("refused POST", StringComparison.Ordinal)), 1, 30);
    }

    private static async Task<DaemonUnderTest> StartAsync(int port)
    {
        var daemon = DaemonUnderTest.Start(SshRunsWithAMinimalEnvironmentTests.OneTunnel("/bin/false"), upArguments: ["--http", $"127.0.0.1:{port}"]);
        try
        {
            await daemon.AnsweringAsync();
            using var client = Client(port);
            await Eventually.WaitUntilAsync(async () =>
            {
                try { return (await client.GetAsync(new Uri("/metrics", UriKind.Relative))).StatusCode == HttpStatusCode.OK; }
                catch (HttpRequestException) { return false; }
            }, () => $"the HTTP listener to answer; the daemon said:\n{daemon.StandardError}");
            return daemon;
        }
        catch
        {
            await daemon.DisposeAsync();
            throw;
        }
    }

    private static HttpClient Client(int port) => new() { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(20) };

    private static async Task<HttpStatusCode> PostAsync(HttpClient client, string path, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative));
        if (token is not null) request.Headers.Add("X-SshKeep-Token", token);
        using var answer = await client.SendAsync(request);
        return answer.StatusCode;
    }

    private static async Task<string> AsNobodyAsync(int port, string method, string path, string token = "")
    {
        var result = await Run.ProgramAsync("setpriv",
            ["--reuid=65534", "--regid=65534", "--clear-groups", "perl", "-e", PerlRequest, port.ToString(System.Globalization.CultureInfo.InvariantCulture),
             method, path, token, $"127.0.0.1:{port}"], TimeSpan.FromSeconds(30));
        Assert.False(result.TimedOut, "the client as nobody hung");
        Assert.Equal("", result.StandardError);
        return result.StandardOutput;
    }
}
