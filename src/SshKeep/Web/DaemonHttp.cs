using SshKeep.Config;
using SshKeep.Daemon;
using SshKeep.Logging;
using SshKeep.Native;

namespace SshKeep.Web;

/// <summary>What <c>DaemonHost</c> calls to start the HTTP listener; it names no ASP.NET type, so the runtime
/// loads none unless a listener is asked for.</summary>
internal static class DaemonHttp
{
    /// <summary>Starts serving <paramref name="listen"/> with a new random page token; logs where,
    /// and warns when the address is not loopback. The error says why it could not bind.</summary>
    public static async Task<(IAsyncDisposable? Server, string? Error)> StartAsync(HttpListen listen, IControlHandler control, DaemonRecorder recorder,
        ILogger log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(listen);
        ArgumentNullException.ThrowIfNull(recorder);
        var ownUid = LibC.geteuid();
        var refusals = new HttpRefusalLog(log, recorder.Time);
        var endpoints = new HttpEndpoints(control, recorder, PageToken.CreateRandom(), Environment.MachineName, ownUid, log, refusals);
        var gate = new PeerGate(new ConnectionQuota(), refusals, ownUid);
        var (server, error) = await HttpServer.TryStartAsync(listen, endpoints, gate, cancellationToken);
        if (server is null)
        {
            refusals.Dispose();
            return (null, error);
        }

        if (!listen.IsLoopback) log.HttpNotLoopback(listen.ToString(), ownUid);
        log.HttpListening(listen.ToString());
        return (new Served(server, refusals), null);
    }

    /// <summary>The server, and the refusal log's timer stopped after it.</summary>
    private sealed class Served(HttpServer server, HttpRefusalLog refusals) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await server.DisposeAsync();
            refusals.Dispose();
        }
    }
}
