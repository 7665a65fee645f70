namespace SshKeep.Bench.Soak;

/// <summary>Names of <see cref="FaultKind"/> in the report, and which faults hit the whole server.</summary>
internal static class FaultKinds
{
    public static IReadOnlyList<FaultKind> All { get; } =
        [FaultKind.SshKilled, FaultKind.BlackHole, FaultKind.ServerFrozen, FaultKind.SshdRestarted, FaultKind.RemotePortHeld, FaultKind.ConfigReloaded];

    public static string Id(this FaultKind kind) => kind switch
    {
        FaultKind.SshKilled => "kill",
        FaultKind.BlackHole => "blackhole",
        FaultKind.ServerFrozen => "freeze",
        FaultKind.SshdRestarted => "sshd-restart",
        FaultKind.RemotePortHeld => "remote-port",
        _ => "reload",
    };

    /// <summary>Black-hole and sshd restart take every tunnel's server away at once.</summary>
    public static bool IsServerWide(this FaultKind kind) => kind is FaultKind.BlackHole or FaultKind.SshdRestarted;

    /// <summary>Faults with a length of their own (the rest heal at once).</summary>
    public static bool HasHold(this FaultKind kind) =>
        kind is FaultKind.BlackHole or FaultKind.ServerFrozen or FaultKind.SshdRestarted or FaultKind.RemotePortHeld;
}
