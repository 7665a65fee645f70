using System.Runtime.InteropServices;

namespace SshKeep.Config;

/// <summary>Two forwards that would listen on the same port: the second ssh would fail with "Address already in use"
/// (or, for <c>-R</c>, "remote port forwarding failed") and be retried forever. Checked across the enabled tunnels
/// only, so that two alternatives for one port can be kept in the file with one of them disabled. Reported at the
/// later forward, naming the earlier. Local and dynamic forwards listen on this machine; remote ones on their server,
/// which is known to be the same only when a destination (ignoring case) and the port are written the same.</summary>
internal static class ListenConflicts
{
    public static void Check(IReadOnlyList<ListenOwner> tunnels, ConfigErrorSink errors)
    {
        var buckets = new Dictionary<(string Listener, int Port), ListenBucket>();
        foreach (var tunnel in tunnels.Where(t => t.Enabled))
        {
            foreach (var forward in tunnel.Forwards)
            {
                var spec = forward.Value;
                if (spec.Kind == ForwardKind.Remote && tunnel.Destinations is null)
                {
                    continue;
                }

                // A remote forward of a tunnel with several servers may listen on any of them
                // (docs/daemon.md, "Several servers: failover").
                IEnumerable<string> servers = spec.Kind == ForwardKind.Remote ? tunnel.Destinations! : [""];
                var sockets = ListenBucket.SocketsOf(spec.BindAddress);
                var reported = false;
                foreach (var server in servers)
                {
                    var listener = server.Length == 0 ? "" : $"{server.ToLowerInvariant()}:{tunnel.Port}";
                    ref var bucket = ref CollectionsMarshal.GetValueRefOrAddDefault(buckets, (listener, spec.BindPort), out _);
                    bucket ??= new ListenBucket();
                    if (!reported && bucket.Clash(sockets) is { } clash)
                    {
                        var where = ReferenceEquals(clash.Tunnel, tunnel)
                            ? $"{Tail(clash.Forward.Path)} of this tunnel (line {Line(clash.Forward)})"
                            : $"tunnel `{clash.Tunnel.Name}` ({clash.Forward.Path}, line {Line(clash.Forward)})";
                        var side = server.Length == 0 ? "" : $" on {server}";
                        errors.Add(forward.Node, forward.Path,
                            $"{ConfigText.Quote(spec.Listen)}{side} is already a listen address of {where}; two forwards cannot listen on one port");
                        reported = true;
                    }

                    bucket.Claim(sockets, new ListenClaim(tunnel, forward));
                }
            }
        }
    }

    private static string Tail(string path) => path[(path.LastIndexOf(".forwards", StringComparison.Ordinal) + 1)..];

    private static string Line(Located<ForwardSpec> forward) => ConfigText.Number(forward.Node.Line);
}
