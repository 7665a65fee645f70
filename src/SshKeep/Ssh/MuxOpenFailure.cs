namespace SshKeep.Ssh;

/// <summary>By the step that failed (docs/probes.md "The mux client").</summary>
internal enum MuxOpenFailure
{
    /// <summary>Nothing accepts on the control path: no socket file, or a stale one whose ssh is gone.</summary>
    NoMaster,

    /// <summary>Served by another uid: not our ssh.</summary>
    NotOurs,

    /// <summary>No hello in time: ssh itself is stuck (or stopped).</summary>
    MasterSilent,

    MasterClosed,

    Protocol,

    /// <summary>MUX_S_FAILURE or MUX_S_PERMISSION_DENIED, from the server (its connect failed) or the master.</summary>
    Refused,

    /// <summary>The server's answer did not come in time: the session is frozen or its path black-holed.</summary>
    NoAnswer,
}
