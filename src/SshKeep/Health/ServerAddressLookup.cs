using System.Net;

namespace SshKeep.Health;

/// <summary>Where a tunnel's ssh connects, as far as can be known before ssh runs (<see cref="ServerAddress"/>).</summary>
/// <param name="Kind">Whether there is something to check.</param>
/// <param name="Config">What ssh -G said; null when ssh -G did not run or said nothing usable.
/// Kept so the name can be resolved again later (<see cref="ServerAddress.ResolveAsync"/>) without running ssh again.</param>
/// <param name="Endpoints">For <see cref="ServerAddressKind.Checkable"/>: the addresses with the
/// port, in the resolver's order (which is the order ssh tries them in); otherwise empty.</param>
/// <param name="Text">One line for logs: "db.example.com:22 is 192.0.2.5:22",
/// "reached through ProxyJump jump.example.com; not checked", "ssh -G exited with 255: …".</param>
internal sealed record ServerAddressLookup(ServerAddressKind Kind, EffectiveSshConfig? Config, IReadOnlyList<IPEndPoint> Endpoints, string Text)
{
    /// <summary>The endpoint ssh tries first, the one to check; null unless checkable.</summary>
    public IPEndPoint? Primary => Endpoints.Count > 0 ? Endpoints[0] : null;
}
