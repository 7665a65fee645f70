using SshKeep.Config;
using SshKeep.Daemon;
using SshKeep.Logging;
using SshKeep.Native;

namespace SshKeep.Web;

/// <summary>Names no ASP.NET type, so the runtime loads none unless a listener is asked for.</summary>
internal static class DaemonHttp
{
    public static async Task<(IAsyncDisposable? Server, string? Error)> StartAsync(HttpListen listen, IControlHandler control, DaemonRecorder recorder,
        ILogger log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(listen);
        ArgumentNullException.ThrowIfNull(recorder);
        var ownUid = LibC.geteuid();
        var refusals = new HttpRefusalLog(log, recorder.Time);
        var endpoints = new HttpEndpoints(control, recorder, PageToken.CreateRandom(), Environment.MachineName, ownUid, log, refusals);
        var gate = new PeerGate(new ConnectionQuota(), refusals, ownUid);
        var (server, error) = await HttpServer.TryStartAsync(listen, endpoints, gate, refusals, cancellationToken);
        if (server is null) return (null, error);

        if (!listen.IsLoopback) log.HttpNotLoopback(listen.ToString(), ownUid);
        log.HttpListening(listen.ToString());
        return (server, null);
    }
}
