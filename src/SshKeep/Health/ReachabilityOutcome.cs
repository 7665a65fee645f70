using System.Net;

namespace SshKeep.Health;

/// <summary>One reachability check's result.</summary>
/// <param name="Problem">What the server did, as the end of a sentence that starts with its address
/// (the daemon's log): "accepted the connection", "refused the connection (…)" (a reset is an
/// answer: the host is there, nothing listens), "did not answer within 1s", "is unreachable: No route to host".</param>
internal sealed record ReachabilityOutcome(IPEndPoint Endpoint, ReachabilityVerdict Verdict, string Problem)
{
    public bool Answered => Verdict == ReachabilityVerdict.Answered;

    public static ReachabilityOutcome AnsweredBy(IPEndPoint endpoint) => new(endpoint, ReachabilityVerdict.Answered, "accepted the connection");

    public static ReachabilityOutcome RefusedBy(IPEndPoint endpoint) =>
        new(endpoint, ReachabilityVerdict.Refused, "refused the connection (the host is there, nothing listens on the port)");

    public static ReachabilityOutcome TimedOutAt(IPEndPoint endpoint, TimeSpan timeout) =>
        new(endpoint, ReachabilityVerdict.TimedOut, $"did not answer within {Seconds(timeout)}");

    /// <param name="reason">strerror-style text ("No route to host").</param>
    public static ReachabilityOutcome UnreachableAt(IPEndPoint endpoint, string reason) =>
        new(endpoint, ReachabilityVerdict.Unreachable, $"is unreachable: {reason}");

    private static string Seconds(TimeSpan span) =>
        span.TotalSeconds >= 1 && span.TotalSeconds == Math.Floor(span.TotalSeconds)
            ? $"{span.TotalSeconds:0}s"
            : $"{span.TotalMilliseconds:0}ms";
}
