namespace SshKeep.Bench.Soak;

/// <summary>What a config reload changes.</summary>
internal enum ReloadChange
{
    /// <summary>One tunnel's health.probe_interval: the default (5 s) ↔ <see cref="TunnelLayout.ToggledProbeInterval"/>.</summary>
    ToggleProbeInterval,

    /// <summary>A sixth tunnel (-L) is added.</summary>
    AddTunnel,

    /// <summary>The sixth tunnel is removed again.</summary>
    RemoveTunnel,
}
