using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using SshKeep.Demo;
using SshKeep.Tests.Integration.Infrastructure;
using SshKeep.Tests.Metrics;
using static SshKeep.Native.SignalNumbers;

namespace SshKeep.Tests.Integration;

/// <summary>
/// Tier 3 for the HTTP listener (docs/observability.md): the real `sshkeep up --http` holding real tunnels to a real sshd, read over
/// HTTP as Prometheus, a load balancer and a browser's fetch would.
/// </summary>
public sealed partial class HttpAgainstSshdTests
{
    private static readonly TimeSpan Generous = DaemonWorld.Generous;

    [SshdFact]
    public async Task Metrics_count_a_requested_restart_and_a_killed_ssh_each_with_its_reason()
    {
        await using var world = await TwoTunnelsAsync();
        var http = LoopbackPort.PickFree();
        await using var daemon = world.Up(extraArguments: ["--http", $"127.0.0.1:{http}"]);
        await daemon.AllUpAsync(["web", "db"]);
        using var client = Client(http);

        var before = await MetricsAsync(client);
        Assert.Equal(1, Value(before, "sshkeep_tunnel_up", ("tunnel", "web")));
        Assert.Equal(1, Value(before, "sshkeep_tunnel_state", ("tunnel", "db"), ("state", "up")));
        Assert.All(before["sshkeep_tunnel_restarts_total"].Samples, s => Assert.Equal(0, s.Value));
        Assert.Equal(16, before["sshkeep_tunnel_restarts_total"].Samples.Count); // 2 tunnels × every reason, from the start

        var restart = await daemon.CliAsync("restart", "db");
        Assert.True(restart.ExitCode == 0, restart.StandardError);
        var pids = await daemon.PidsAsync();
        await Eventually.WaitUntilAsync(async () => Value(await MetricsAsync(client), "sshkeep_tunnel_restarts_total", ("tunnel", "db"), ("reason", "requested")) == 1,
            () => $"db's requested restart in /metrics; the daemon said:\n{daemon.Log}", Generous);

        var killedAt = DateTimeOffset.UtcNow;
        NativeSignals.Send(pids["web"], SIGKILL);
        await Eventually.WaitUntilAsync(async () =>
        {
            var m = await MetricsAsync(client);
            return Value(m, "sshkeep_tunnel_restarts_total", ("tunnel", "web"), ("reason", "exited")) == 1 && Value(m, "sshkeep_tunnel_up", ("tunnel", "web")) == 1;
        }, () => $"web's exit counted and web up again; the daemon said:\n{daemon.Log}", Generous);
        await daemon.AllUpAsync(["web", "db"]);

        var after = await MetricsAsync(client);
        Assert.Equal(1, after["sshkeep_tunnel_restarts_total"].Samples.Where(s => s.Has(("tunnel", "db"))).Sum(s => s.Value));
        Assert.Equal(1, after["sshkeep_tunnel_restarts_total"].Samples.Where(s => s.Has(("tunnel", "web"))).Sum(s => s.Value));
        Assert.InRange(Value(after, "sshkeep_tunnel_last_transition_timestamp_seconds", ("tunnel", "web")),
            killedAt.ToUnixTimeMilliseconds() / 1000.0 - 1, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1);
        Assert.All(after["sshkeep_backoff_seconds"].Samples, s => Assert.Equal(0, s.Value));
        Assert.Contains(after["sshkeep_probe_duration_seconds"].Samples, s => s.Name == "sshkeep_probe_duration_seconds_count" && s.Has(("tunnel", "web")));
        Assert.True(Value(after, "process_resident_memory_bytes") > 1_000_000);
        Assert.True(Value(after, "process_open_fds") > 3);
        Assert.Single(after["sshkeep_build_info"].Samples);
    }

    [SshdFact]
    public async Task Healthz_is_200_with_the_status_json_while_all_are_up_and_503_once_the_server_is_gone()
    {
        await using var world = await TwoTunnelsAsync();
        var http = LoopbackPort.PickFree();
        await using var daemon = world.Up(extraArguments: ["--http", $"127.0.0.1:{http}"]);
        await daemon.AllUpAsync(["web", "db"]);
        using var client = Client(http);

        using (var healthy = await client.GetAsync(new Uri("/healthz", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
            using var json = JsonDocument.Parse(await healthy.Content.ReadAsStringAsync());
            Assert.Equal(["web", "db"], json.RootElement.GetProperty("tunnels").EnumerateArray().Select(t => t.GetProperty("name").GetString()));
            Assert.Equal(daemon.Pid, json.RootElement.GetProperty("daemon").GetProperty("pid").GetInt32());
        }

        await world.Sshd.StopAsync();

        await Eventually.WaitUntilAsync(async () =>
        {
            using var answer = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
            return answer.StatusCode == HttpStatusCode.ServiceUnavailable;
        }, () => $"/healthz to answer 503; the daemon said:\n{daemon.Log}", Generous);
    }

    [SshdFact]
    public async Task A_post_needs_the_page_s_token_and_with_it_restarts_the_tunnel()
    {
        await using var world = await TwoTunnelsAsync();
        var http = LoopbackPort.PickFree();
        await using var daemon = world.Up(extraArguments: ["--http", $"127.0.0.1:{http}"]);
        await daemon.AllUpAsync(["web", "db"]);
        using var client = Client(http);
        var token = TokenIn(await client.GetStringAsync(new Uri("/", UriKind.Relative)));
        var before = await daemon.PidsAsync();

        Assert.Equal(HttpStatusCode.Forbidden, await PostAsync(client, "/api/tunnels/db/restart", null));
        Assert.Equal(HttpStatusCode.Forbidden, await PostAsync(client, "/api/tunnels/db/restart", "not-" + token));
        Assert.Equal(HttpStatusCode.Forbidden, await PostAsync(client, "/api/tunnels/db/restart", token, ("Origin", "http://evil.example")));
        Assert.Equal(before, await daemon.PidsAsync()); // nothing restarted
        Assert.Contains("refused POST /api/tunnels/db/restart", daemon.Log, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, await PostAsync(client, "/api/tunnels/db/restart", token, ("Origin", $"http://127.0.0.1:{http}"), ("Sec-Fetch-Site", "same-origin")));

        await Eventually.WaitUntilAsync(async () => (await daemon.PidsAsync()).TryGetValue("db", out var pid) && pid != before["db"] && await daemon.StateAsync("db") == "up",
            () => $"db restarted by the web page; the daemon said:\n{daemon.Log}", Generous);
        Assert.Equal(before["web"], (await daemon.PidsAsync())["web"]);
        Assert.Equal(HttpStatusCode.NotFound, await PostAsync(client, "/api/tunnels/nosuch/restart", token));
        // docs/security.md: the token is never logged, not even when a POST carrying a wrong one is refused.
        Assert.DoesNotContain(token, daemon.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_http_address_in_use_stops_the_start_with_one_line_naming_it()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;

        var up = await UpWithHttpAsync($"127.0.0.1:{port}");

        Assert.Equal(71, up.ExitCode);
        Assert.Contains($"sshkeep: cannot start: http 127.0.0.1:{port}: ", up.StandardError, StringComparison.Ordinal);
        Assert.Contains("address already in use", up.StandardError, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("   at ", up.StandardError, StringComparison.Ordinal); // no stack trace
    }

    [Theory]
    [InlineData("192.0.2.10", "not an address of this machine")] // TEST-NET-1 (RFC 5737): on no interface
    public async Task An_address_the_daemon_cannot_bind_stops_the_start_with_one_line_and_exit_71(string address, string reason)
    {
        var port = LoopbackPort.PickFree();

        var up = await UpWithHttpAsync($"{address}:{port}");

        Assert.Equal(71, up.ExitCode);
        var line = Assert.Single(up.StandardError.Split('\n'), l => l.StartsWith("sshkeep: ", StringComparison.Ordinal));
        Assert.StartsWith($"sshkeep: cannot start: http {address}:{port}: ", line, StringComparison.Ordinal);
        Assert.Contains(reason, line, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", up.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", up.StandardError, StringComparison.Ordinal);
    }

    /// <summary>`sshkeep up --http VALUE` on a one-tunnel file in a directory of its own, removed after.</summary>
    private static async Task<ProcessResult> UpWithHttpAsync(string value)
    {
        var directory = Directory.CreateTempSubdirectory("sshkeep-http-it-").FullName;
        try
        {
            var config = Path.Combine(directory, "tunnels.yaml");
            await File.WriteAllTextAsync(config, "tunnels:\n  db:\n    destination: nobody@127.0.0.1\n    forwards: [ { local: \"1:localhost:1\" } ]\n");
            return await Run.ProgramAsync(SshkeepUnderTest.BinaryPath, ["up", "-c", config, "--run-dir", Path.Combine(directory, "run"), "--http", value]);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Theory]
    [InlineData("example.com:80")]
    [InlineData("127.0.0.1:99999")]
    public async Task A_bad_http_value_is_a_usage_error_naming_it(string value)
    {
        var up = await Run.ProgramAsync(SshkeepUnderTest.BinaryPath, ["up", "-c", "/nonexistent/tunnels.yaml", "--http", value]);

        Assert.Equal(64, up.ExitCode);
        Assert.Equal($"sshkeep: --http \"{value}\" is not a listen address; expected ADDRESS:PORT such as 127.0.0.1:9180 or [::1]:9180, or a port alone (127.0.0.1)\n",
            up.StandardError);
    }

    [Theory]
    [InlineData("[fe80::1]:19188", "is an IPv6 link-local address")]
    [InlineData("[::ffff:127.0.0.1]:19188", "is an IPv4 address written as IPv6; write it as 127.0.0.1:19188")]
    public async Task An_address_that_can_never_be_bound_is_a_usage_error_naming_why(string value, string why)
    {
        var up = await Run.ProgramAsync(SshkeepUnderTest.BinaryPath, ["up", "-c", "/nonexistent/tunnels.yaml", "--http", value]);

        Assert.Equal(64, up.ExitCode);
        Assert.StartsWith($"sshkeep: --http \"{value}\" {why}", up.StandardError, StringComparison.Ordinal);
        Assert.Single(up.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>The daemon tests' world with two -L tunnels, web and db.</summary>
    internal static async Task<DaemonWorld> TwoTunnelsAsync()
    {
        var world = await DaemonWorld.StartAsync();
        await world.WriteConfigAsync(("web", $"local: \"127.0.0.1:{world.WebPort}:127.0.0.1:{world.EchoPort}\""),
                                     ("db", $"local: \"127.0.0.1:{world.DbPort}:127.0.0.1:{world.EchoPort}\""));
        return world;
    }

    internal static string TokenIn(string html) =>
        TokenMeta().Match(html) is { Success: true } match ? match.Groups[1].Value : throw new InvalidOperationException("no token in the page:\n" + html);

    private static HttpClient Client(int port) => new() { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(10) };

    private static async Task<IReadOnlyDictionary<string, PrometheusFamily>> MetricsAsync(HttpClient client)
    {
        using var answer = await client.GetAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", answer.Content.Headers.ContentType?.ToString());
        return PrometheusText.Parse(await answer.Content.ReadAsStringAsync());
    }

    private static double Value(IReadOnlyDictionary<string, PrometheusFamily> families, string name, params (string, string)[] labels)
    {
        var family = families.GetValueOrDefault(name) ?? families.Values.Single(f => name.StartsWith(f.Name + "_", StringComparison.Ordinal));
        return family.Samples.Single(s => s.Name == name && s.Has(labels)).Value;
    }

    private static async Task<HttpStatusCode> PostAsync(HttpClient client, string path, string? token, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative));
        if (token is not null) request.Headers.Add("X-SshKeep-Token", token);
        foreach (var (name, value) in headers) request.Headers.Add(name, value);
        using var answer = await client.SendAsync(request);
        return answer.StatusCode;
    }

    [GeneratedRegex("<meta name=\"sshkeep-token\" content=\"([A-Za-z0-9_-]+)\">")]
    private static partial Regex TokenMeta();
}
