namespace SshKeep.Health;

/// <summary>What <see cref="ServerAddress"/> found out about where ssh connects.</summary>
internal enum ServerAddressKind
{
    /// <summary>ssh connects directly; <see cref="ServerAddressLookup.Endpoints"/> holds where, in ssh's order.</summary>
    Checkable,

    /// <summary>ProxyJump or ProxyCommand: ssh's TCP path starts elsewhere, so there is nothing of
    /// our own to check; waits are left to the back-off and to ssh.</summary>
    BehindProxy,

    /// <summary>ssh -G failed or the name did not resolve (often the outage itself: DNS is down);
    /// asking again later may succeed.</summary>
    Unknown,
}
