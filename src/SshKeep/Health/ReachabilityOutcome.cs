using System.Net;
using System.Net.Sockets;

namespace SshKeep.Health;

/// <summary>One reachability check's result, with a one-line text for logs and status.</summary>
/// <param name="Endpoint">The endpoint checked; null when there was none to check (the name did not resolve).</param>
/// <param name="Verdict">How it ended.</param>
/// <param name="Error">The socket error for <see cref="ReachabilityVerdict.Refused"/> and
/// <see cref="ReachabilityVerdict.Unreachable"/>, when there was one.</param>
/// <param name="Text">"10.0.0.5:22 answered", "10.0.0.5:22: no answer within 1s",
/// "10.0.0.5:22: Connection refused", "10.0.0.5:22: No route to host".</param>
internal sealed record ReachabilityOutcome(IPEndPoint? Endpoint, ReachabilityVerdict Verdict, SocketError? Error, string Text)
{
    public bool Answered => Verdict == ReachabilityVerdict.Answered;

    /// <summary>What the server did, as the end of a sentence that starts with its address (the
    /// daemon's log): "accepted the connection", "refused the connection" (a reset is an answer:
    /// the host is there, nothing listens on the port), "did not answer within 1s", "is
    /// unreachable: No route to host".</summary>
    public string Problem { get; init; } = "";

    public static ReachabilityOutcome AnsweredBy(IPEndPoint endpoint) =>
        new(endpoint, ReachabilityVerdict.Answered, null, $"{endpoint} answered") { Problem = "accepted the connection" };

    public static ReachabilityOutcome RefusedBy(IPEndPoint endpoint) =>
        new(endpoint, ReachabilityVerdict.Refused, SocketError.ConnectionRefused, $"{endpoint}: Connection refused")
        {
            Problem = "refused the connection (the host is there, nothing listens on the port)",
        };

    public static ReachabilityOutcome TimedOutAt(IPEndPoint endpoint, TimeSpan timeout) =>
        new(endpoint, ReachabilityVerdict.TimedOut, null, $"{endpoint}: no answer within {Seconds(timeout)}")
        {
            Problem = $"did not answer within {Seconds(timeout)}",
        };

    /// <param name="reason">strerror-style text ("No route to host") or why there was nothing to check.</param>
    public static ReachabilityOutcome UnreachableAt(IPEndPoint? endpoint, SocketError? error, string reason) =>
        new(endpoint, ReachabilityVerdict.Unreachable, error, endpoint is null ? reason : $"{endpoint}: {reason}")
        {
            Problem = $"is unreachable: {reason}",
        };

    private static string Seconds(TimeSpan span) =>
        span.TotalSeconds >= 1 && span.TotalSeconds == Math.Floor(span.TotalSeconds)
            ? $"{span.TotalSeconds:0}s"
            : $"{span.TotalMilliseconds:0}ms";
}
