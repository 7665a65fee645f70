using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using SshKeep.Daemon;
using SshKeep.Logging;
using SshKeep.Metrics;
using SshKeep.Status;

namespace SshKeep.Web;

/// <summary>Every route of the HTTP listener (docs/observability.md), without MVC or routing; status and commands go
/// through the control socket's <see cref="IControlHandler"/>.</summary>
internal sealed class HttpEndpoints(IControlHandler control, DaemonRecorder recorder, PageToken token, string machineName, uint ownUid,
    ILogger log, HttpRefusalLog refusals, Func<ProcessSample>? process = null)
{
    private readonly byte[] _page = WebAssets.Page(token);

    private const string TunnelsPrefix = "/api/tunnels/";

    private readonly Func<ProcessSample> _process = process ?? ProcessSample.Current;

    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        var response = context.Response;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.CacheControl = "no-store";
        var path = request.Path.Value ?? "/";
        try
        {
            switch (path)
            {
                case "/" or "/index.html":
                    if (!await AllowedAsync(context, HttpMethods.Get, HttpMethods.Head) || !await PageUserAsync(context)) return;
                    response.Headers.ContentSecurityPolicy =
                        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
                    response.Headers.XFrameOptions = "DENY";
                    response.Headers["Referrer-Policy"] = "no-referrer";
                    await WriteAsync(response, StatusCodes.Status200OK, "text/html; charset=utf-8", _page, context.RequestAborted);
                    return;
                case "/app.css" or "/app.js":
                    if (!await AllowedAsync(context, HttpMethods.Get, HttpMethods.Head)) return;
                    var asset = WebAssets.Find(path)!;
                    await WriteAsync(response, StatusCodes.Status200OK, asset.ContentType, asset.Content, context.RequestAborted);
                    return;
                case "/api/state":
                    if (!await AllowedAsync(context, HttpMethods.Get) || !await PageUserAsync(context)) return;
                    var state = PageState.From(await SnapshotAsync(context.RequestAborted), recorder, recorder.Time.GetUtcNow());
                    await WriteJsonAsync(response, StatusCodes.Status200OK, state, PageJsonContext.Default.PageState, context.RequestAborted);
                    return;
                case "/metrics":
                    if (!await AllowedAsync(context, HttpMethods.Get, HttpMethods.Head)) return;
                    var metrics = DaemonMetrics.Render(await SnapshotAsync(context.RequestAborted), recorder.Restarts, recorder.Probes, _process(),
                        recorder.Time.GetUtcNow());
                    await WriteAsync(response, StatusCodes.Status200OK, PrometheusTextWriter.ContentType, Encoding.UTF8.GetBytes(metrics), context.RequestAborted);
                    return;
                case "/healthz":
                    if (!await AllowedAsync(context, HttpMethods.Get, HttpMethods.Head)) return;
                    var snapshot = await SnapshotAsync(context.RequestAborted);
                    var healthy = StatusExitCode.For(snapshot) == ExitCodes.Ok;
                    // The details (tunnel names, config path, errors) only where the page itself
                    // would be served; a load balancer or a monitor of another uid needs the code.
                    var body = PageUserProblem(context) is null ? StatusJson.Render(snapshot, recorder.Time.GetUtcNow())
                        : healthy ? "{\"healthy\":true}" : "{\"healthy\":false}";
                    await WriteAsync(response, healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable, "application/json; charset=utf-8",
                        Encoding.UTF8.GetBytes(body), context.RequestAborted);
                    return;
                default:
                    if (path.StartsWith(TunnelsPrefix, StringComparison.Ordinal))
                    {
                        await TunnelCommandAsync(context, path[TunnelsPrefix.Length..]);
                        return;
                    }

                    await WriteTextAsync(response, StatusCodes.Status404NotFound, "not found; try /, /metrics or /healthz\n", context.RequestAborted);
                    return;
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !context.RequestAborted.IsCancellationRequested)
        {
            log.HttpFailed(request.Method, RequestGuard.Shorten(path), e);
            if (!response.HasStarted)
            {
                response.Clear();
                await WriteTextAsync(response, StatusCodes.Status500InternalServerError, "internal error; the daemon's log says more\n", CancellationToken.None);
            }
        }
    }

    private async Task TunnelCommandAsync(HttpContext context, string rest)
    {
        var response = context.Response;
        var slash = rest.IndexOf('/');
        var name = slash < 0 ? "" : rest[..slash];
        ControlCommand? command = slash < 0 ? null : rest[(slash + 1)..] switch
        {
            "restart" => ControlCommand.Restart,
            "retry-now" => ControlCommand.RetryNow,
            _ => null,
        };
        if (command is null || !ControlRequestParser.IsValidTunnelName(name))
        {
            await WriteTextAsync(response, StatusCodes.Status404NotFound, "not found; POST /api/tunnels/NAME/restart or /api/tunnels/NAME/retry-now\n", context.RequestAborted);
            return;
        }

        if (!await AllowedAsync(context, HttpMethods.Post)) return;
        var request = context.Request;
        var problem = PageUserProblem(context) ?? RequestGuard.PostProblem(request.Headers.Host, machineName, Header(request, PageToken.Header), token,
            Header(request, "Origin"), Header(request, "Sec-Fetch-Site"));
        if (problem is not null)
        {
            await RefuseAsync(context, problem);
            return;
        }

        var controlRequest = new ControlRequest(command.Value, name);
        log.WebControlRequested(name, controlRequest.ToString(), HttpRefusalLog.Describe(Peer(context)));
        var answer = await control.HandleAsync(controlRequest, context.RequestAborted);
        var status = answer.Ok ? StatusCodes.Status200OK
            : answer.Error == ControlErrors.UnknownTunnel ? StatusCodes.Status404NotFound
            : StatusCodes.Status500InternalServerError;
        await WriteJsonAsync(response, status, new PageControlAnswer(answer.Ok, answer.Error, answer.Message),
            PageJsonContext.Default.PageControlAnswer, context.RequestAborted);
    }

    private async Task<StatusSnapshot> SnapshotAsync(CancellationToken cancellationToken)
    {
        var answer = await control.HandleAsync(new ControlRequest(ControlCommand.Status), cancellationToken);
        return answer.Status ?? throw new InvalidOperationException($"the daemon answered status without one: {answer.Error} {answer.Message}");
    }

    private string? PageUserProblem(HttpContext context) =>
        RequestGuard.HostProblem(context.Request.Headers.Host, machineName) ?? RequestGuard.PeerProblem(Peer(context), ownUid);

    private async Task<bool> PageUserAsync(HttpContext context)
    {
        if (PageUserProblem(context) is not { } problem) return true;
        await RefuseAsync(context, problem);
        return false;
    }

    private async Task RefuseAsync(HttpContext context, string reason)
    {
        refusals.Request(context.Request.Method, RequestGuard.Shorten(context.Request.Path.Value ?? ""), Peer(context), reason);
        await WriteJsonAsync(context.Response, StatusCodes.Status403Forbidden, new PageControlAnswer(false, ControlErrors.Forbidden, reason),
            PageJsonContext.Default.PageControlAnswer, context.RequestAborted);
    }

    private static async Task<bool> AllowedAsync(HttpContext context, params string[] methods)
    {
        if (methods.Contains(context.Request.Method, StringComparer.OrdinalIgnoreCase)) return true;
        context.Response.Headers.Allow = string.Join(", ", methods);
        await WriteTextAsync(context.Response, StatusCodes.Status405MethodNotAllowed, $"use {string.Join(" or ", methods)}\n", context.RequestAborted);
        return false;
    }

    private static Task WriteJsonAsync<T>(HttpResponse response, int status, T value, JsonTypeInfo<T> type, CancellationToken cancellationToken) =>
        WriteAsync(response, status, "application/json; charset=utf-8", JsonSerializer.SerializeToUtf8Bytes(value, type), cancellationToken);

    private static Task WriteTextAsync(HttpResponse response, int status, string text, CancellationToken cancellationToken) =>
        WriteAsync(response, status, "text/plain; charset=utf-8", Encoding.UTF8.GetBytes(text), cancellationToken);

    private static async Task WriteAsync(HttpResponse response, int status, string contentType, byte[] body, CancellationToken cancellationToken)
    {
        response.StatusCode = status;
        response.ContentType = contentType;
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, cancellationToken);
    }

    private static string? Header(HttpRequest request, string name) =>
        request.Headers.TryGetValue(name, out var values) && values.Count > 0 ? values.ToString() : null;

    /// <summary>Null if <see cref="PeerGate"/> did not run.</summary>
    private static HttpPeer? Peer(HttpContext context) => context.Features.Get<HttpPeer>();
}
