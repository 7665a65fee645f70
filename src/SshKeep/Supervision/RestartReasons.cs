namespace SshKeep.Supervision;

/// <summary>
/// Why an ssh run of a tunnel ended, as a small fixed set (a metrics label, a status field, a
/// hook variable): never free text, so label cardinality stays bounded.
/// </summary>
internal static class RestartReasons
{
    /// <summary>ssh exited on its own for a transient reason (connection lost, refused, timed out).</summary>
    public const string Exited = "exited";

    /// <summary>End-to-end probes failed in a row; sshkeep stopped ssh.</summary>
    public const string ProbeFailed = "probe-failed";

    /// <summary>ssh was stopped with SIGSTOP and forwards nothing; sshkeep replaced it.</summary>
    public const string Stopped = "stopped";

    /// <summary>Authentication, host key or configuration: a person must act.</summary>
    public const string Permanent = "permanent";

    /// <summary>The server still holds a remote port of ours.</summary>
    public const string RemotePortInUse = "remote-port-in-use";

    /// <summary>`sshkeep restart`, the web page or the control socket asked.</summary>
    public const string Requested = "requested";

    /// <summary>ssh was stuck connecting while the server answered again; sshkeep started a fresh one.</summary>
    public const string ConnectStalled = "connect-stalled";

    /// <summary>ssh could not be started at all.</summary>
    public const string StartFailed = "start-failed";

    public static readonly IReadOnlyList<string> All = [Exited, ProbeFailed, Stopped, Permanent, RemotePortInUse, Requested, ConnectStalled, StartFailed];
}
