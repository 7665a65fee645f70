using System.Globalization;

namespace SshKeep.Config;

/// <summary>
/// Two forwards that would listen on the same port: the second ssh would fail with "Address
/// already in use" (or, for <c>-R</c>, "remote port forwarding failed") and be retried forever.
/// Checked across the enabled tunnels only, so that two alternatives for one port can be kept in
/// the file with one of them disabled. Reported at the later forward, naming the earlier.
/// </summary>
internal static class ListenConflicts
{
    public static void Check(IReadOnlyList<ListenOwner> tunnels, ConfigErrorSink errors)
    {
        var seen = new List<(ListenOwner Tunnel, Located<ForwardSpec> Forward, ListenAddress Address)>();
        foreach (var tunnel in tunnels.Where(t => t.Enabled))
        {
            foreach (var forward in tunnel.Forwards)
            {
                var address = ListenAddress.Of(forward.Value);
                var clash = seen.FirstOrDefault(s => SameListener(s.Tunnel, s.Forward.Value, tunnel, forward.Value) && s.Address.Overlaps(address));
                if (clash.Tunnel is not null)
                {
                    var where = ReferenceEquals(clash.Tunnel, tunnel)
                        ? $"{Tail(clash.Forward.Path)} of this tunnel (line {Line(clash.Forward)})"
                        : $"tunnel `{clash.Tunnel.Name}` ({clash.Forward.Path}, line {Line(clash.Forward)})";
                    var side = forward.Value.Kind == ForwardKind.Remote ? $" on {tunnel.Destination}" : "";
                    errors.Add(forward.Node, forward.Path,
                        $"{ConfigText.Quote(Listen(forward.Value))}{side} is already a listen address of {where}; two forwards cannot listen on one port");
                }

                seen.Add((tunnel, forward, address));
            }
        }
    }

    /// <summary>Local and dynamic forwards listen on this machine; remote ones on their server,
    /// which is known to be the same only when destination and port are written the same.</summary>
    private static bool SameListener(ListenOwner a, ForwardSpec fa, ListenOwner b, ForwardSpec fb) =>
        (fa.Kind == ForwardKind.Remote) == (fb.Kind == ForwardKind.Remote) &&
        (fa.Kind != ForwardKind.Remote ||
         (a.Destination is not null && string.Equals(a.Destination, b.Destination, StringComparison.OrdinalIgnoreCase) && a.Port == b.Port));

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
