using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using SshKeep.Daemon;
using SshKeep.Metrics;
using SshKeep.Status;
using SshKeep.Supervision;
using SshKeep.Tests.Daemon;
using SshKeep.Tests.Supervision;
using SshKeep.Tests.Fakes;
using SshKeep.Tests.Metrics;
using SshKeep.Web;

namespace SshKeep.Tests.Web;

/// <summary>Every route, run in-process on a DefaultHttpContext against a recording control handler.</summary>
public sealed class HttpEndpointsTests
{
    private const string Host = "127.0.0.1:9180";
    private const uint OwnUid = 1000;
    private static readonly HttpPeer Owner = new(new IPEndPoint(IPAddress.Loopback, 40000), OwnUid);
    private readonly ManualTimeProvider _time = new(StatusSamples.Now);
    private readonly RecordingControlHandler _control = new();
    private readonly RecordingLogger _log = new();
    private readonly PageToken _token = new("t0k3n");
    private readonly HttpEndpoints _endpoints;

    public HttpEndpointsTests()
    {
        var recorder = new DaemonRecorder(_time);
        foreach (var status in StatusSamples.Snapshot.Tunnels) recorder.Observe(Transitions.First(status, StatusSamples.Now));
        _endpoints = new HttpEndpoints(_control, recorder, _token, "myhost", OwnUid, _log, new HttpRefusalLog(_log, _time), () => new ProcessSample(1, 2, 3, 4));
    }

    [Fact]
    public async Task The_page_carries_this_starts_token_and_forbids_framing_and_foreign_scripts()
    {
        var (status, body, response) = await SendAsync("GET", "/");

        Assert.Equal(200, status);
        Assert.Equal("text/html; charset=utf-8", response.ContentType);
        Assert.Contains("<meta name=\"sshkeep-token\" content=\"t0k3n\">", body, StringComparison.Ordinal);
        Assert.DoesNotContain(WebAssets.TokenPlaceholder, body, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", response.Headers.ContentSecurityPolicy.ToString(), StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", response.Headers.ContentSecurityPolicy.ToString(), StringComparison.Ordinal);
        Assert.Equal("DENY", response.Headers.XFrameOptions.ToString());
        Assert.Equal("nosniff", response.Headers.XContentTypeOptions.ToString());
    }

    [Theory]
    [InlineData("/app.js", "text/javascript; charset=utf-8")]
    [InlineData("/app.css", "text/css; charset=utf-8")]
    public async Task The_page_s_script_and_style_are_served_from_the_assembly(string path, string type)
    {
        var (status, body, response) = await SendAsync("GET", path);

        Assert.Equal(200, status);
        Assert.Equal(type, response.ContentType);
        Assert.True(body.Length > 500);
    }

    [Fact]
    public async Task The_page_s_script_never_turns_data_into_markup()
    {
        var (_, script, _) = await SendAsync("GET", "/app.js");

        Assert.Contains("textContent", script, StringComparison.Ordinal);
        foreach (var sink in new[] { "innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function" })
            Assert.DoesNotContain(sink, script, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_page_refers_to_nothing_outside_the_daemon()
    {
        var (_, html, _) = await SendAsync("GET", "/");
        var (_, css, _) = await SendAsync("GET", "/app.css");

        Assert.DoesNotContain("http://", html + css, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html + css, StringComparison.Ordinal);
        Assert.DoesNotContain("//cdn", html + css, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_parse_strictly_and_come_from_the_status_the_control_path_answers()
    {
        var (status, body, response) = await SendAsync("GET", "/metrics");

        Assert.Equal(200, status);
        Assert.Equal(PrometheusTextWriter.ContentType, response.ContentType);
        var families = PrometheusText.Parse(body);
        Assert.Equal(StatusSamples.Snapshot.Tunnels.Select(t => t.Name), families["sshkeep_tunnel_up"].Samples.Select(s => s.Label("tunnel")));
        Assert.Equal(3, families["process_open_fds"].Samples.Single().Value);
        Assert.Contains(_control.Requests, r => r.Command == ControlCommand.Status);
    }

    [Fact]
    public async Task Healthz_is_503_with_the_status_json_while_a_tunnel_is_not_up()
    {
        var (status, body, _) = await SendAsync("GET", "/healthz");

        Assert.Equal(503, status);
        Assert.Equal(StatusJson.Render(StatusSamples.Snapshot, StatusSamples.Now), body);
    }

    [Fact]
    public async Task Healthz_is_200_when_every_tunnel_that_should_run_is_up()
    {
        var allUp = StatusSamples.Snapshot with
        {
            Tunnels = [.. StatusSamples.Snapshot.Tunnels.Select(t => t.State == TunnelState.Stopped ? t : t with { State = TunnelState.Up })],
        };
        _control.Answer = (r, _) => Task.FromResult(ControlResponse.Success(status: allUp));

        var (status, body, _) = await SendAsync("GET", "/healthz");

        Assert.Equal(200, status);
        Assert.Equal(StatusJson.Render(allUp, StatusSamples.Now), body);
    }

    [Fact]
    public async Task State_gives_the_status_report_and_each_tunnel_s_restarts_and_history()
    {
        var (status, body, _) = await SendAsync("GET", "/api/state");

        Assert.Equal(200, status);
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        Assert.Equal("metrics", root.GetProperty("status").GetProperty("tunnels")[2].GetProperty("name").GetString());
        var metrics = root.GetProperty("tunnels")[2];
        Assert.Equal(2, metrics.GetProperty("restartsByReason").GetProperty("exited").GetInt64());
        Assert.Equal("exited", metrics.GetProperty("lastRestartReason").GetString());
        Assert.Equal("backoff", metrics.GetProperty("history")[0].GetProperty("state").GetString());
        Assert.Equal(86400, root.GetProperty("historySeconds").GetInt64());
    }

    [Theory]
    [InlineData("restart", ControlCommand.Restart)]
    [InlineData("retry-now", ControlCommand.RetryNow)]
    public async Task A_post_with_the_token_runs_the_command_through_the_control_path(string action, object commandRow)
    {
        var command = (ControlCommand)commandRow;
        var (status, body, _) = await SendAsync("POST", $"/api/tunnels/web/{action}",
            ("X-SshKeep-Token", "t0k3n"), ("Origin", "http://" + Host), ("Sec-Fetch-Site", "same-origin"));

        Assert.Equal(200, status);
        Assert.Contains(new ControlRequest(command, "web"), _control.Requests);
        using var json = JsonDocument.Parse(body);
        Assert.True(json.RootElement.GetProperty("ok").GetBoolean());
        Assert.Contains(_log.Entries, e => e.EventId == 1502 && e.Message.Contains(action, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null, null, null)]
    [InlineData("wrong", null, null)]
    [InlineData("t0k3n", "http://evil.example", null)]
    [InlineData("t0k3n", null, "cross-site")]
    public async Task A_post_without_the_token_or_from_another_site_is_403_and_changes_nothing(string? token, string? origin, string? site)
    {
        var headers = new List<(string, string)>();
        if (token is not null) headers.Add(("X-SshKeep-Token", token));
        if (origin is not null) headers.Add(("Origin", origin));
        if (site is not null) headers.Add(("Sec-Fetch-Site", site));

        var (status, body, _) = await SendAsync("POST", "/api/tunnels/web/restart", [.. headers]);

        Assert.Equal(403, status);
        Assert.DoesNotContain(_control.Requests, r => r.Command != ControlCommand.Status);
        using var json = JsonDocument.Parse(body);
        Assert.Equal("forbidden", json.RootElement.GetProperty("error").GetString());
        Assert.Contains(_log.Entries, e => e.EventId == 1503);
    }

    [Fact]
    public async Task The_page_and_its_state_refuse_a_foreign_host_name_but_metrics_do_not()
    {
        Assert.Equal(403, (await SendAsync("GET", "/", host: "evil.example:9180")).Status);
        Assert.Equal(403, (await SendAsync("GET", "/api/state", host: "evil.example:9180")).Status);
        Assert.Equal(200, (await SendAsync("GET", "/metrics", host: "prometheus-target.example:9180")).Status);
    }

    [Theory]
    [InlineData("GET", "/nothing", 404)]
    [InlineData("GET", "/api/tunnels/web/restart", 405)]
    [InlineData("POST", "/metrics", 405)]
    [InlineData("DELETE", "/", 405)]
    [InlineData("POST", "/api/tunnels/web/explode", 404)]
    [InlineData("POST", "/api/tunnels/web", 404)]
    [InlineData("POST", "/api/tunnels/we b/restart", 404)]
    [InlineData("POST", "/api/tunnels/nosuch/restart", 404)]
    public async Task Unknown_paths_methods_and_tunnels_are_answered_plainly(string method, string path, int expected)
    {
        var (status, _, response) = await SendAsync(method, path, ("X-SshKeep-Token", "t0k3n"));

        Assert.Equal(expected, status);
        if (expected == 405) Assert.False(string.IsNullOrEmpty(response.Headers.Allow));
    }

    [Fact]
    public async Task A_failure_inside_is_a_500_and_a_log_line_not_a_dropped_connection()
    {
        _control.Answer = (_, _) => throw new InvalidOperationException("boom");

        var (status, body, _) = await SendAsync("GET", "/metrics");

        Assert.Equal(500, status);
        Assert.Contains("internal error", body, StringComparison.Ordinal);
        Assert.Contains(_log.Entries, e => e.EventId == 1504);
    }

    [Theory]
    [InlineData(OwnUid, 200)]
    [InlineData(0u, 200)] // root, as on the control socket
    [InlineData(1001u, 403)]
    [InlineData(null, 403)] // another machine: no uid to check
    public async Task Only_the_daemons_uid_and_root_get_the_page_its_state_and_the_buttons(uint? uid, int expected)
    {
        var peer = new HttpPeer(new IPEndPoint(IPAddress.Loopback, 40001), uid);

        var page = await SendAsync("GET", "/", Host, peer);
        var state = await SendAsync("GET", "/api/state", Host, peer);
        var post = await SendAsync("POST", "/api/tunnels/web/restart", Host, peer, ("X-SshKeep-Token", "t0k3n"));

        Assert.Equal(expected, page.Status);
        Assert.Equal(expected, state.Status);
        Assert.Equal(expected, post.Status);
        Assert.Equal(expected == 200, page.Body.Contains("t0k3n", StringComparison.Ordinal));
        Assert.Equal(expected == 200, _control.Requests.Contains(new ControlRequest(ControlCommand.Restart, "web")));
        if (expected == 403) Assert.Contains(_log.Entries, e => e.EventId == 1503 && e.Message.Contains(peer.ToString(), StringComparison.Ordinal));
        else Assert.Contains(_log.Entries, e => e.EventId == 1502 && e.Message.Contains($"by uid {uid} (127.0.0.1:40001)", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(Host, OwnUid, true)]
    [InlineData("myhost:9180", 0u, true)]
    [InlineData("evil.example:9180", OwnUid, false)] // a DNS-rebinding page
    [InlineData(Host, 1001u, false)]
    [InlineData(Host, null, false)]
    public async Task Healthz_gives_the_status_json_only_where_the_page_is_served_and_the_verdict_to_anyone(string host, uint? uid, bool details)
    {
        var (status, body, _) = await SendAsync("GET", "/healthz", host, new HttpPeer(new IPEndPoint(IPAddress.Loopback, 40001), uid));

        Assert.Equal(503, status);
        Assert.Equal(details ? StatusJson.Render(StatusSamples.Snapshot, StatusSamples.Now) : "{\"healthy\":false}", body);
        Assert.DoesNotContain(_log.Entries, e => e.EventId == 1503); // not a refusal: a monitor of any uid may ask
    }

    [Fact]
    public async Task A_flood_of_refusals_is_logged_as_the_first_few_and_then_one_count()
    {
        for (var i = 0; i < 100; i++) Assert.Equal(403, (await SendAsync("POST", "/api/tunnels/web/restart")).Status);
        Assert.Equal(5, _log.Entries.Count(e => e.EventId == 1503));

        _time.Advance(HttpRefusalLog.Limit.ReportEvery);

        var summary = Assert.Single(_log.Entries, e => e.EventId == 1506);
        Assert.StartsWith("95 more refused requests in the last 10 s", summary.Message, StringComparison.Ordinal);
    }

    private async Task<(int Status, string Body, HttpResponse Response)> SendAsync(string method, string path, params (string Name, string Value)[] headers) =>
        await SendAsync(method, path, Host, headers);

    private async Task<(int Status, string Body, HttpResponse Response)> SendAsync(string method, string path, string host, params (string Name, string Value)[] headers) =>
        await SendAsync(method, path, host, Owner, headers);

    private async Task<(int Status, string Body, HttpResponse Response)> SendAsync(string method, string path, string host, HttpPeer? peer,
        params (string Name, string Value)[] headers)
    {
        var context = new DefaultHttpContext();
        if (peer is not null) context.Features.Set(peer);
        context.Request.Method = method;
        context.Request.Path = path;
        context.Request.Headers.Host = host;
        foreach (var (name, value) in headers) context.Request.Headers[name] = value;
        var body = new MemoryStream();
        context.Response.Body = body;

        await _endpoints.HandleAsync(context);

        return (context.Response.StatusCode, Encoding.UTF8.GetString(body.ToArray()), context.Response);
    }
}
