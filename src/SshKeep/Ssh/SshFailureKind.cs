namespace SshKeep.Ssh;

/// <summary>What a line of ssh's stderr says, as far as supervision cares (<see cref="SshStderrClassifier"/>).</summary>
internal enum SshFailureKind
{
    /// <summary>Not a line that decides anything (banners, "Transferred: …").</summary>
    None,

    Authenticated,

    AuthenticationRefused,

    HostKeyRejected,

    BadConfiguration,

    /// <summary>"remote port forwarding failed for listen port N": the server still holds the port.</summary>
    RemotePortInUse,

    LocalPortInUse,

    /// <summary>Refused, timed out, reset, no route, DNS failure, closed by the server: always retried.</summary>
    Transient,
}
