using SshKeep.Daemon;

namespace SshKeep.Tests.Daemon;

public sealed class PeerCheckTests
{
    [Theory]
    [InlineData(1000u, 1000u, true)]    // the daemon's own user
    [InlineData(0u, 1000u, true)]       // root may control anyone's daemon
    [InlineData(0u, 0u, true)]          // root's daemon, root's CLI
    [InlineData(1001u, 1000u, false)]   // another user
    [InlineData(65534u, 1000u, false)]  // nobody
    [InlineData(1000u, 0u, false)]      // a user may not control root's daemon
    [InlineData(65534u, 0u, false)]
    public void Only_the_same_uid_or_root_may_control_a_daemon(uint peerUid, uint ownUid, bool allowed) =>
        Assert.Equal(allowed, PeerCheck.Allows(peerUid, ownUid));
}
