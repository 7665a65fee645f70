namespace SshKeep.Daemon;

/// <summary>Who may control a daemon. The socket's mode 0600 already keeps others out; this check holds even if
/// that mode is loosened (or the run directory is shared via --run-dir).</summary>
internal static class PeerCheck
{
    public const uint RootUid = 0;

    public static bool Allows(uint peerUid, uint ownUid) => peerUid == ownUid || peerUid == RootUid;
}
