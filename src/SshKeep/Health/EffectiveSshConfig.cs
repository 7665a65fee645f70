using System.Globalization;
using System.Net.Sockets;

namespace SshKeep.Health;

/// <summary>
/// Where ssh connects, from its effective configuration (<c>ssh -G</c>): ssh_config, Match and
/// Include are ssh's to get right, not ours.
/// </summary>
/// <param name="HostName">The "hostname" line: a name to resolve or an address literal.</param>
/// <param name="Port">The "port" line (ssh's default 22 when missing).</param>
/// <param name="ProxyJump">The "proxyjump" line, null when absent or "none".</param>
/// <param name="ProxyCommand">The "proxycommand" line, null when absent or "none".</param>
/// <param name="AddressFamily">"addressfamily inet" or "inet6" narrow the resolution; "any" (or absent) is <see cref="AddressFamily.Unspecified"/>.</param>
internal sealed record EffectiveSshConfig(string HostName, int Port, string? ProxyJump, string? ProxyCommand, AddressFamily AddressFamily)
{
    public const int DefaultPort = 22;

    /// <summary>ssh does not connect to the server itself: a proxy does, so a check of our own
    /// would test the wrong path (and ssh holds no TCP socket to watch).</summary>
    public bool UsesProxy => ProxyJump is not null || ProxyCommand is not null;

    /// <summary>
    /// Reads <c>ssh -G</c>'s output ("keyword value" lines, keywords lower case). Lines that do not
    /// parse are skipped (the text is treated as hostile); the result is null only when no usable
    /// hostname line is there, since without it there is nothing to check.
    /// </summary>
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

    private static bool IsNone(string value) => value.Equals("none", StringComparison.OrdinalIgnoreCase);

    /// <summary>A name or literal that can go to the resolver: no spaces or control characters
    /// (ssh itself refuses those: "hostname contains invalid characters"), and of DNS length.</summary>
    private static bool IsSafeHostName(string value) =>
        value.Length <= 255 && !value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c));
}
