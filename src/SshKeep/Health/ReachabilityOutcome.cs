namespace SshKeep.Health;

/// <summary>One reachability check's result: the server completed the TCP handshake (<paramref name="Answered"/>:
/// ssh can start), or it did not.</summary>
/// <param name="Problem">What the server did, as the end of a sentence that starts with its address
/// (the daemon's log): "accepted the connection", "refused the connection (…)" (a reset: the host is there, nothing
/// listens, and ssh would fail the same way), "did not answer within 1s" (a black hole, a lost route, a host that is
/// down), "is unreachable: No route to host" (the connect failed at once).</param>
internal sealed record ReachabilityOutcome(IPEndPoint Endpoint, bool Answered, string Problem)
{
    public static ReachabilityOutcome AnsweredBy(IPEndPoint endpoint) => new(endpoint, true, "accepted the connection");

    public static ReachabilityOutcome RefusedBy(IPEndPoint endpoint) =>
        new(endpoint, false, "refused the connection (the host is there, nothing listens on the port)");

    public static ReachabilityOutcome TimedOutAt(IPEndPoint endpoint, TimeSpan timeout) =>
        new(endpoint, false, $"did not answer within {Seconds(timeout)}");

    /// <param name="reason">strerror-style text ("No route to host").</param>
    public static ReachabilityOutcome UnreachableAt(IPEndPoint endpoint, string reason) =>
        new(endpoint, false, $"is unreachable: {reason}");

    private static string Seconds(TimeSpan span) =>
        span.TotalSeconds >= 1 && span.TotalSeconds == Math.Floor(span.TotalSeconds)
            ? $"{span.TotalSeconds:0}s"
            : $"{span.TotalMilliseconds:0}ms";
}
