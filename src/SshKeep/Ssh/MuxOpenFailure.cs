namespace SshKeep.Ssh;

/// <summary>Why <see cref="MuxStdioForward.OpenAsync"/> did not open a channel, by the step that failed.</summary>
internal enum MuxOpenFailure
{
    /// <summary>Nothing accepts on the control path: no socket file, or a stale one whose ssh is gone.</summary>
    NoMaster,

    /// <summary>Something accepts on the control path, but it runs as another uid: not our ssh.</summary>
    NotOurs,

    /// <summary>The socket accepted but the master sent no hello in time: ssh itself is stuck (or stopped).</summary>
    MasterSilent,

    /// <summary>The master closed or reset the control connection.</summary>
    MasterClosed,

    /// <summary>The master spoke another protocol version or sent something unreadable.</summary>
    Protocol,

    /// <summary>The master answered with MUX_S_FAILURE or MUX_S_PERMISSION_DENIED: the server refused
    /// the channel (its connect failed, or forwarding is not allowed), or the master refused the request.</summary>
    Refused,

    /// <summary>The request went out but the server's answer did not come in time: the session is
    /// frozen or its path black-holed (ssh answers a stdio forward only after the server confirms the channel).</summary>
    NoAnswer,
}
