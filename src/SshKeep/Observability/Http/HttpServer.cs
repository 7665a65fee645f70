using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SshKeep.Config;

namespace SshKeep.Observability.Http;

/// <summary>
/// Kestrel on one address, running <see cref="HttpEndpoints"/>. Built from the empty builder:
/// no appsettings.json from the working directory, no ASPNETCORE_ variables, no logging of its
/// own, no handlers for SIGTERM or Ctrl+C (the daemon owns its signals and stops us itself).
/// The only type that touches the web host, so nothing of ASP.NET is loaded unless a listener
/// is asked for.
/// </summary>
public sealed class HttpServer : IAsyncDisposable
{
    /// <summary>How long requests in flight get when the daemon stops.</summary>
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(2);

    private readonly WebApplication _app;

    private HttpServer(WebApplication app) => _app = app;

    /// <summary>Binds and starts serving; false with the reason (the address is in use, not ours, …) when it cannot.</summary>
    public static async Task<(HttpServer? Server, string? Error)> TryStartAsync(HttpListen listen, HttpEndpoints endpoints, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(listen);
        ArgumentNullException.ThrowIfNull(endpoints);
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
            kestrel.Limits.MaxConcurrentConnections = 64;
            kestrel.Limits.MaxRequestBodySize = 64 * 1024;
            kestrel.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
            kestrel.Listen(listen.Address, listen.Port);
        });
        var app = builder.Build();
        app.Run(endpoints.HandleAsync);
        try
        {
            await app.StartAsync(cancellationToken);
            return (new HttpServer(app), null);
        }
        catch (IOException e)
        {
            await app.DisposeAsync();
            return (null, BindError(e));
        }
    }

    public async ValueTask DisposeAsync()
    {
        using (var grace = new CancellationTokenSource(StopGrace))
        {
            try { await _app.StopAsync(grace.Token); }
            catch (OperationCanceledException) { }
        }

        await _app.DisposeAsync();
    }

    /// <summary>Kestrel's "Failed to bind to address http://…: address already in use." with its inner reason.</summary>
    private static string BindError(IOException e) =>
        e.InnerException is { } inner && !string.IsNullOrEmpty(inner.Message) ? $"{e.Message.TrimEnd('.')} ({inner.Message.TrimEnd('.')})" : e.Message.TrimEnd('.');

    /// <summary>The web host's lifetime without ConsoleLifetime's signal handlers and messages.</summary>
    [SuppressMessage("Performance", "CA1812", Justification = "Made by dependency injection.")]
    private sealed class DaemonOwnedLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
