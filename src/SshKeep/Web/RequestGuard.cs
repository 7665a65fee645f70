using SshKeep.Daemon;

namespace SshKeep.Web;

/// <summary>Who may use the web page (null when allowed, else the reason for a 403): docs/observability.md "Who may
/// use the page" and "The token, and the browser".</summary>
internal static class RequestGuard
{
    public static string? HostProblem(string? host, string machineName)
    {
        if (string.IsNullOrEmpty(host)) return "no Host header";
        var name = HostName(host);
        if (name is null) return $"Host \"{Shorten(host)}\" is not host[:port]";
        if (IPAddress.TryParse(name, out _) || name.Equals("localhost", StringComparison.OrdinalIgnoreCase) ||
            name.Equals(machineName, StringComparison.OrdinalIgnoreCase))
            return null;
        return $"Host \"{Shorten(host)}\" is neither an IP address, localhost nor this machine's name (a DNS-rebinding page?)";
    }

    public static string? PeerProblem(HttpPeer? peer, uint ownUid)
    {
        if (peer?.Uid is { } uid)
        {
            return PeerCheck.Allows(uid, ownUid)
                ? null
                : string.Create(CultureInfo.InvariantCulture,
                    $"uid {uid} may not control this sshkeep: it runs as uid {ownUid}, and only that uid and root may use its page and buttons (/metrics and a short /healthz answer anyone)");
        }

        var who = peer is null ? "the peer" : peer.Remote.ToString();
        return string.Create(CultureInfo.InvariantCulture,
            $"{who} is not a connection from this machine, so its uid is unknown: only uid {ownUid} and root on this machine may use the page and its buttons (from elsewhere, through ssh -L); /metrics and a short /healthz answer anyone");
    }

    public static string? PostProblem(string? host, string machineName, string? token, PageToken expected, string? origin, string? secFetchSite)
    {
        ArgumentNullException.ThrowIfNull(expected);
        if (HostProblem(host, machineName) is { } hostProblem) return hostProblem;
        if (secFetchSite is not null && secFetchSite is not ("same-origin" or "none"))
            return $"Sec-Fetch-Site is \"{Shorten(secFetchSite)}\": the request comes from another site";
        if (origin is not null && !origin.Equals("http://" + host, StringComparison.OrdinalIgnoreCase))
            return $"Origin \"{Shorten(origin)}\" is not this page's (http://{Shorten(host!)})";
        if (token is null) return $"no {PageToken.Header} header: POST from the web page, which carries its token";
        if (!expected.Matches(token)) return $"wrong {PageToken.Header}: the token changes each time sshkeep starts; reload the page";
        return null;
    }

    /// <summary>The name or address of a Host header without its port: <c>[::1]:9180</c> → <c>::1</c>.</summary>
    public static string? HostName(string host)
    {
        if (host.StartsWith('['))
        {
            var close = host.IndexOf(']');
            if (close < 0) return null;
            var rest = host[(close + 1)..];
            return rest.Length == 0 || (rest[0] == ':' && rest.Length > 1 && rest[1..].All(char.IsAsciiDigit)) ? host[1..close] : null;
        }

        var colon = host.IndexOf(':');
        if (colon < 0) return host;
        var port = host[(colon + 1)..];
        return port.Length > 0 && port.All(char.IsAsciiDigit) ? host[..colon] : null;
    }

    internal static string Shorten(string text) => OneLine.Cut(text, 101);
}
