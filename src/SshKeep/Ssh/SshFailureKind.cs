namespace SshKeep.Ssh;

/// <summary>What one line of ssh's stderr says, as far as supervision cares.</summary>
internal enum SshFailureKind
{
    /// <summary>Not a line that decides anything (banners, "Transferred: …").</summary>
    None,

    /// <summary>"Authenticated to host …" (LogLevel VERBOSE): the session is established.</summary>
    Authenticated,

    /// <summary>"Permission denied (publickey…)": the key is wrong or not authorised. Permanent.</summary>
    AuthenticationRefused,

    /// <summary>"Host key verification failed", a changed or unknown host key under strict checking. Permanent.</summary>
    HostKeyRejected,

    /// <summary>"Bad configuration option", "Unsupported option", a bad -o value. Permanent.</summary>
    BadConfiguration,

    /// <summary>"remote port forwarding failed for listen port N": the server still holds the port.</summary>
    RemotePortInUse,

    /// <summary>"bind [addr]:N: Address already in use": a local listen port is taken.</summary>
    LocalPortInUse,

    /// <summary>Refused, timed out, reset, no route, DNS failure, closed by the server: always retried.</summary>
    Transient,
}
