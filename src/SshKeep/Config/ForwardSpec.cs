namespace SshKeep.Config;

/// <summary>docs/config.md, "forwards".</summary>
/// <param name="BindAddress">Listen address, or null for ssh's default (loopback for -L/-D, the server's for -R).</param>
/// <param name="TargetHost">Where connections go (-L: as seen from the server; -R: from here); null for -D, as its port.</param>
internal sealed record ForwardSpec(ForwardKind Kind, string? BindAddress, int BindPort, string? TargetHost, int? TargetPort)
{
    public ProbeExchange Probe { get; init; } = ProbeExchange.ConnectOnly;

    /// <summary>docs/held-ports.md, "Hold time".</summary>
    public static readonly TimeSpan DefaultHold = TimeSpan.FromSeconds(30);

    /// <summary>Zero: ssh listens itself.</summary>
    public TimeSpan Hold { get; init; } = DefaultHold;

    /// <summary>A -R port is the server's.</summary>
    public bool IsHeld => Kind != ForwardKind.Remote && Hold > TimeSpan.Zero;

    public string Flag => Kind switch
    {
        ForwardKind.Local => "-L",
        ForwardKind.Remote => "-R",
        _ => "-D",
    };

    /// <summary>As the user wrote it: <c>[bind:]port</c>, IPv6 addresses in brackets.</summary>
    public string Listen => BindAddress is null ? BindPort.ToString(CultureInfo.InvariantCulture) : HostSyntax.Endpoint(BindAddress, BindPort);

    public string Argument => Kind == ForwardKind.Dynamic
        ? Listen
        : $"{Listen}:{HostSyntax.Endpoint(TargetHost!, TargetPort!.Value)}";

    public override string ToString() => $"{Flag} {Argument}";
}
