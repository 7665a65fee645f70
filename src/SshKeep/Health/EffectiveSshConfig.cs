namespace SshKeep.Health;

/// <summary>Where ssh connects, from <c>ssh -G</c>: ssh_config, Match and Include are ssh's to get right, not ours.</summary>
/// <param name="ProxyJump">Null when absent or "none", as <paramref name="ProxyCommand"/>.</param>
internal sealed record EffectiveSshConfig(string HostName, int Port, string? ProxyJump, string? ProxyCommand, AddressFamily AddressFamily)
{
    public const int DefaultPort = 22;

    /// <summary>A proxy connects, not ssh: a check of our own would test the wrong path.</summary>
    public bool UsesProxy => ProxyJump is not null || ProxyCommand is not null;

    /// <summary>Hostile text: lines that do not parse are skipped; null without a usable hostname.</summary>
    public static EffectiveSshConfig? Parse(string text)
    {
        string? hostName = null, proxyJump = null, proxyCommand = null;
        var port = DefaultPort;
        var family = AddressFamily.Unspecified;
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.Trim();
            var space = line.IndexOfAny([' ', '\t']);
            if (space <= 0) continue;
            var keyword = line[..space].ToLowerInvariant();
            var value = line[(space + 1)..].Trim();
            if (value.Length == 0) continue;
            switch (keyword)
            {
                case "hostname" when IsSafeHostName(value):
                    hostName = value;
                    break;
                case "port" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed is > 0 and <= 65535:
                    port = parsed;
                    break;
                case "proxyjump":
                    proxyJump = IsNone(value) ? null : value;
                    break;
                case "proxycommand":
                    proxyCommand = IsNone(value) ? null : value;
                    break;
                case "addressfamily":
                    family = value.ToLowerInvariant() switch
                    {
                        "inet" => AddressFamily.InterNetwork,
                        "inet6" => AddressFamily.InterNetworkV6,
                        _ => AddressFamily.Unspecified,
                    };
                    break;
            }
        }
        return hostName is null ? null : new EffectiveSshConfig(hostName, port, proxyJump, proxyCommand, family);
    }

    /// <summary>The endpoint ssh tries first: the first address in the resolver's order; null behind a proxy or
    /// when the name does not resolve.</summary>
    public async Task<IPEndPoint?> ResolveAsync(TimeProvider time, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (UsesProxy) return null;
        IPAddress[] addresses;
        if (IPAddress.TryParse(HostName, out var literal))
        {
            addresses = [literal];
        }
        else
        {
            try
            {
                addresses = await Dns.GetHostAddressesAsync(HostName, AddressFamily, cancellationToken)
                                     .WaitAsync(timeout, time, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is TimeoutException or SocketException or ArgumentException)
            {
                return null; // often the outage itself (DNS is down): asked again at the next wait
            }
        }

        return addresses
            .Where(a => a.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6)
            .Where(a => AddressFamily == AddressFamily.Unspecified || a.AddressFamily == AddressFamily)
            .Select(a => new IPEndPoint(a, Port))
            .FirstOrDefault();
    }

    private static bool IsNone(string value) => value.Equals("none", StringComparison.OrdinalIgnoreCase);

    /// <summary>ssh itself refuses spaces and control characters ("hostname contains invalid characters").</summary>
    private static bool IsSafeHostName(string value) =>
        value.Length <= 255 && !value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c));
}
