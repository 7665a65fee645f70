namespace SshKeep.Health;

/// <param name="Problem">What the server did, the end of a log sentence that starts with its address.</param>
internal sealed record ReachabilityOutcome(IPEndPoint Endpoint, bool Answered, string Problem)
{
    public static ReachabilityOutcome AnsweredBy(IPEndPoint endpoint) => new(endpoint, true, "accepted the connection");

    public static ReachabilityOutcome RefusedBy(IPEndPoint endpoint) =>
        new(endpoint, false, "refused the connection (the host is there, nothing listens on the port)");

    public static ReachabilityOutcome TimedOutAt(IPEndPoint endpoint, TimeSpan timeout) =>
        new(endpoint, false, $"did not answer within {Seconds(timeout)}");

    public static ReachabilityOutcome UnreachableAt(IPEndPoint endpoint, string reason) =>
        new(endpoint, false, $"is unreachable: {reason}");

    private static string Seconds(TimeSpan span) =>
        span.TotalSeconds >= 1 && span.TotalSeconds == Math.Floor(span.TotalSeconds)
            ? $"{span.TotalSeconds:0}s"
            : $"{span.TotalMilliseconds:0}ms";
}
