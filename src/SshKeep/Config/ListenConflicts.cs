using System.Globalization;

namespace SshKeep.Config;

/// <summary>
/// Two forwards that would listen on the same port: the second ssh would fail with "Address
/// already in use" (or, for <c>-R</c>, "remote port forwarding failed") and be retried forever.
/// Checked across the enabled tunnels only, so that two alternatives for one port can be kept in
/// the file with one of them disabled. Reported at the later forward, naming the earlier.
/// Local and dynamic forwards listen on this machine; remote ones on their server, which is known
/// to be the same only when destination (ignoring case) and port are written the same.
/// </summary>
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
                string listener;
                if (spec.Kind != ForwardKind.Remote)
                {
                    listener = "";
                }
                else if (tunnel.Destination is not null)
                {
                    listener = $"{tunnel.Destination.ToLowerInvariant()}:{tunnel.Port}";
                }
                else
                {
                    continue;
                }

                if (!buckets.TryGetValue((listener, spec.BindPort), out var bucket))
                {
                    bucket = new ListenBucket();
                    buckets.Add((listener, spec.BindPort), bucket);
                }

                var sockets = ListenAddress.SocketsOf(spec.BindAddress);
                if (bucket.Clash(sockets) is { } clash)
                {
                    var where = ReferenceEquals(clash.Tunnel, tunnel)
                        ? $"{Tail(clash.Forward.Path)} of this tunnel (line {Line(clash.Forward)})"
                        : $"tunnel `{clash.Tunnel.Name}` ({clash.Forward.Path}, line {Line(clash.Forward)})";
                    var side = spec.Kind == ForwardKind.Remote ? $" on {tunnel.Destination}" : "";
                    errors.Add(forward.Node, forward.Path,
                        $"{ConfigText.Quote(Listen(spec))}{side} is already a listen address of {where}; two forwards cannot listen on one port");
                }

                bucket.Claim(sockets, new ListenClaim(tunnel, forward));
            }
        }
    }

    /// <summary>The listen half as the user wrote it: <c>[bind:]port</c>.</summary>
    internal static string Listen(ForwardSpec forward)
    {
        var port = forward.BindPort.ToString(CultureInfo.InvariantCulture);
        return forward.BindAddress is null ? port
            : forward.BindAddress.Contains(':') ? $"[{forward.BindAddress}]:{port}"
            : $"{forward.BindAddress}:{port}";
    }

    private static string Tail(string path) => path[(path.LastIndexOf(".forwards", StringComparison.Ordinal) + 1)..];

    private static string Line(Located<ForwardSpec> forward) => ConfigText.Number(forward.Node.Line);
}
