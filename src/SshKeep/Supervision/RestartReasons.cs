namespace SshKeep.Supervision;

/// <summary>Why an ssh run ended (docs/daemon.md, "Transitions are the only news"): a fixed set, so that
/// metrics label cardinality stays bounded.</summary>
internal static class RestartReasons
{
    public const string Exited = "exited";
    public const string ProbeFailed = "probe-failed";
    public const string Stopped = "stopped"; // SIGSTOP
    public const string Permanent = "permanent";
    public const string RemotePortInUse = "remote-port-in-use";
    public const string Requested = "requested";
    public const string ConnectStalled = "connect-stalled";
    public const string StartFailed = "start-failed";

    public static readonly IReadOnlyList<string> All = [Exited, ProbeFailed, Stopped, Permanent, RemotePortInUse, Requested, ConnectStalled, StartFailed];
}
