using System.Globalization;

namespace SshKeep.Bench.Soak;

/// <summary>One fault as planned: its kind, the tunnel it targets (null for the server-wide ones),
/// how long it lasts, and for a reload what it changes.</summary>
internal sealed record PlannedFault(FaultKind Kind, string? Tunnel, TimeSpan Hold, ReloadChange? Change = null)
{
    /// <summary>"kill local-2", "blackhole 7.3 s", "reload: add local-6", for the log and the report.</summary>
    public string Describe() => Kind switch
    {
        FaultKind.SshKilled => $"kill {Tunnel}",
        FaultKind.ServerFrozen or FaultKind.RemotePortHeld => $"{Kind.Id()} {Tunnel} {Seconds(Hold)}",
        FaultKind.ConfigReloaded => Change switch
        {
            ReloadChange.AddTunnel => $"reload: add {Tunnel}",
            ReloadChange.RemoveTunnel => $"reload: remove {Tunnel}",
            _ => $"reload: toggle {Tunnel}'s probe_interval",
        },
        _ => $"{Kind.Id()} {Seconds(Hold)}",
    };

    private static string Seconds(TimeSpan span) => string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.0} s");
}
