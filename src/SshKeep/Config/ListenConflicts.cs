namespace SshKeep.Config;

/// <summary>Two forwards of enabled tunnels that would listen on one port: which overlap, and why it is an error,
/// is docs/config.md, "forwards". Reported at the later forward, naming the earlier.</summary>
internal static class ListenConflicts
{
    private const string AnyV4 = "v4:*";
    private const string AnyV6 = "v6:*";

    /// <summary>Reads the layers, so that a tunnel with other mistakes is checked too: an <c>enabled</c> that is not
    /// true/false counts as enabled; remote forwards of a missing or invalid destination are not compared.</summary>
    public static void Check(IReadOnlyList<(string Name, ConfigLayer Layer)> tunnels, ConfigErrorSink errors)
    {
        // The first claim of each socket and family ("v4", "v6", "name") on one listener and port: constant-time
        // lookups, so a hostile file of many forwards on one port is checked in linear time.
        var claims = new Dictionary<(string, int, string), (string Tunnel, ConfigLayer Layer, Located<ForwardSpec> Forward)>();
        foreach (var (name, layer) in tunnels.Where(t => t.Layer.Value<bool>(ConfigKeys.Tunnel + ".enabled")))
        {
            var destinations = layer.Own(ConfigKeys.Tunnel + ".destination")?.Value as List<string>;
            var port = layer.Value<int?>(ConfigKeys.Tunnel + ".port");
            var forwards = layer.Own(ConfigKeys.Tunnel + ".forwards")?.Value as List<Located<ForwardSpec>> ?? [];
            foreach (var forward in forwards.Where(f => f.Value.Kind != ForwardKind.Remote || destinations is not null))
            {
                var spec = forward.Value;
                // A remote forward may listen on any of the tunnel's servers (docs/daemon.md, "Several servers: failover").
                IEnumerable<string> servers = spec.Kind == ForwardKind.Remote ? destinations! : [""];
                var sockets = SocketsOf(spec.BindAddress);
                var reported = false;
                foreach (var server in servers)
                {
                    var listener = server.Length == 0 ? "" : $"{server.ToLowerInvariant()}:{port}";
                    var clashes = sockets.SelectMany(Overlapping).Where(s => claims.ContainsKey((listener, spec.BindPort, s)));
                    if (!reported && clashes.FirstOrDefault() is { } socket)
                    {
                        var clash = claims[(listener, spec.BindPort, socket)];
                        var where = ReferenceEquals(clash.Layer, layer)
                            ? $"{Tail(clash.Forward.Path)} of this tunnel (line {Line(clash.Forward)})"
                            : $"tunnel `{clash.Tunnel}` ({clash.Forward.Path}, line {Line(clash.Forward)})";
                        var side = server.Length == 0 ? "" : $" on {server}";
                        errors.Add(forward.Node, forward.Path,
                            $"{ConfigText.Quote(spec.Listen)}{side} is already a listen address of {where}; two forwards cannot listen on one port");
                        reported = true;
                    }

                    foreach (var claimed in sockets.SelectMany(s => new[] { s, s[..s.IndexOf(':')] }))
                    {
                        claims.TryAdd((listener, spec.BindPort, claimed), (name, layer, forward));
                    }
                }
            }
        }
    }

    /// <summary><c>v4:127.0.0.1</c>, <c>v6:*</c>, <c>name:db.example</c>. GatewayPorts, which can widen a missing bind
    /// address, is ignored: like comparing names as written, it can only miss a clash, never refuse a valid file.</summary>
    private static IReadOnlyList<string> SocketsOf(string? bind) => bind switch
    {
        null => ["v4:127.0.0.1", "v6:::1"],
        _ when bind.Equals("localhost", StringComparison.OrdinalIgnoreCase) => ["v4:127.0.0.1", "v6:::1"],
        "*" => [AnyV4, AnyV6],
        _ when HostSyntax.Address(bind) is { } address =>
        [
            (address.AddressFamily == AddressFamily.InterNetworkV6 ? "v6:" : "v4:") +
            (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) ? "*" : address.ToString()),
        ],
        _ => [$"name:{bind.ToLowerInvariant()}"],
    };

    /// <summary>In the order the first is reported; a name may be either family, so it overlaps both wildcards.</summary>
    private static string[] Overlapping(string socket) => socket switch
    {
        AnyV4 => ["v4", "name"],
        AnyV6 => ["v6", "name"],
        _ when socket.StartsWith("name:", StringComparison.Ordinal) => [socket, AnyV4, AnyV6],
        _ => [socket, socket[..3] + "*"],
    };

    private static string Tail(string path) => path[(path.LastIndexOf(".forwards", StringComparison.Ordinal) + 1)..];

    private static string Line(Located<ForwardSpec> forward) => ConfigText.Number(forward.Node.Line);
}
