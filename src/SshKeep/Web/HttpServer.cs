using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SshKeep.Config;

namespace SshKeep.Web;

/// <summary>Kestrel from the empty builder: no appsettings.json, no ASPNETCORE_ variables, no logging or signal
/// handlers of its own.</summary>
internal sealed class HttpServer : IAsyncDisposable
{
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(2);

    private readonly WebApplication _app;
    private readonly HttpRefusalLog _refusals;

    private HttpServer(WebApplication app, HttpRefusalLog refusals) => (_app, _refusals) = (app, refusals);

    /// <summary>Owns <paramref name="refusals"/> from here on, whether it starts or not.</summary>
    public static async Task<(HttpServer? Server, string? Error)> TryStartAsync(HttpListen listen, HttpEndpoints endpoints, PeerGate gate,
        HttpRefusalLog refusals, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(listen);
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(gate);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = "sshkeep",
            EnvironmentName = Environments.Production,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Services.AddSingleton<IHostLifetime, DaemonOwnedLifetime>();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // No global cap: idle clients of another uid would keep everybody out (70 did). PeerGate caps
            // others instead; the short timeouts free what idle clients hold.
            kestrel.Limits.MaxConcurrentConnections = null;
            kestrel.Limits.KeepAliveTimeout = TimeSpan.FromSeconds(10);
            kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(5);
            kestrel.Limits.MaxRequestBodySize = 64 * 1024;
            kestrel.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
            kestrel.Listen(listen.Address, listen.Port, options => options.Use(gate.Wrap));
        });
        var app = builder.Build();
        app.Run(endpoints.HandleAsync);
        try
        {
            await app.StartAsync(cancellationToken);
            return (new HttpServer(app, refusals), null);
        }
        catch (Exception e) when (e is IOException or SocketException)
        {
            await app.DisposeAsync();
            refusals.Dispose();
            return (null, BindError(e));
        }
    }

    public async ValueTask DisposeAsync()
    {
        using var grace = new CancellationTokenSource(StopGrace);
        try { await _app.StopAsync(grace.Token); }
        catch (OperationCanceledException) { }

        await _app.DisposeAsync();
        _refusals.Dispose();
    }

    /// <summary>One line for a failed bind: Kestrel wraps "address in use" in an IOException but lets other bind
    /// errors through as a bare SocketException (EADDRNOTAVAIL, EACCES).</summary>
    internal static string BindError(Exception e)
    {
        if ((e as SocketException ?? e.InnerException as SocketException) is { } socket && SocketReason(socket.SocketErrorCode) is { } reason)
            return $"cannot bind: {reason} ({socket.Message.TrimEnd('.')})";
        return e.InnerException is { } inner && !string.IsNullOrEmpty(inner.Message) ? $"{e.Message.TrimEnd('.')} ({inner.Message.TrimEnd('.')})" : e.Message.TrimEnd('.');
    }

    private static string? SocketReason(SocketError error) => error switch
    {
        SocketError.AddressNotAvailable => "not an address of this machine (no interface has it now); listen on 127.0.0.1 or an address `ip address` lists",
        SocketError.AccessDenied => "permission denied (ports below 1024 need root or CAP_NET_BIND_SERVICE)",
        SocketError.InvalidArgument => "the kernel refuses this address for listening",
        _ => null,
    };

    /// <summary>Without ConsoleLifetime's signal handlers and messages.</summary>
    [SuppressMessage("Performance", "CA1812", Justification = "Made by dependency injection.")]
    private sealed class DaemonOwnedLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
