using Microsoft.Extensions.Logging;

#pragma warning disable SYSLIB1015 // the tunnel name is the line's prefix (see DaemonLog.cs)

namespace SshKeep.Logging;

// The HTTP listener's part of the daemon's catalogue, ids 1500–1549; kept in its own
// file so that it can grow without touching the rest of the catalogue.
internal static partial class DaemonLog
{
    [LoggerMessage(1500, LogLevel.Information, "serving the web page on http://{Address}/ with /metrics and /healthz")]
    public static partial void HttpListening(this ILogger logger, string address);

    [LoggerMessage(1501, LogLevel.Warning, "the HTTP listener {Address} is not a loopback address: other machines can read /metrics and a short /healthz (the page and its buttons stay for this machine's uid {OwnUid} and root); listen on 127.0.0.1 unless that is what you want")]
    public static partial void HttpNotLoopback(this ILogger logger, string address, uint ownUid);

    [LoggerMessage(1502, LogLevel.Information, "{Command} asked on the web page by {Peer}")]
    public static partial void WebControlRequested(this ILogger logger, string tunnel, string command, string peer);

    [LoggerMessage(1503, LogLevel.Warning, "refused {Method} {Path} from {Peer} with 403: {Reason}")]
    public static partial void HttpRefused(this ILogger logger, string method, string path, string peer, string reason);

    [LoggerMessage(1504, LogLevel.Error, "{Method} {Path} failed; answered 500 and going on")]
    public static partial void HttpFailed(this ILogger logger, string method, string path, Exception exception);

    [LoggerMessage(1505, LogLevel.Warning, "refused a connection from {Peer}: {Reason}; closed it")]
    public static partial void HttpConnectionRefused(this ILogger logger, string peer, string reason);

    [LoggerMessage(1506, LogLevel.Warning, "{Count} more refused requests in the last {Seconds} s (only the first {Burst} of every {Interval} s are logged one by one)")]
    public static partial void HttpRefusalsSummarised(this ILogger logger, int count, int seconds, int burst, int interval);
}
