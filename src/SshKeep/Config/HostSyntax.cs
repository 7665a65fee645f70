using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace SshKeep.Config;

/// <summary>What the file accepts as a host: narrower than what ssh might swallow, so a value can never start an option
/// ('-') or smuggle a space, a quote or a '%' token into ssh's argv.</summary>
internal static partial class HostSyntax
{
    public const string Accepted = "a host name or IP address (letters, digits, '.', '_', '-'; IPv6 in [brackets] inside a forward)";

    /// <summary>The host as ssh writes it beside a port: an IPv6 address in brackets.</summary>
    public static string Bracketed(string host) => host.Contains(':') ? $"[{host}]" : host;

    /// <summary><c>host:port</c>, an IPv6 address in brackets.</summary>
    public static string Endpoint(string host, int port) => $"{Bracketed(host)}:{port.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>A name or an address, without brackets.</summary>
    public static bool IsHost(string host) =>
        HostName().IsMatch(host) || IsIPv6(host);

    public static bool IsIPv6(string host) => Address(host) is { AddressFamily: AddressFamily.InterNetworkV6 };

    /// <summary>An address in dotted quads or IPv6, else null (IPAddress.TryParse also reads "1" as 0.0.0.1).</summary>
    public static IPAddress? Address(string text) =>
        (text.Contains(':') || text.Count(c => c == '.') == 3) && IPAddress.TryParse(text, out var address) ? address : null;

    // Must start with a letter, digit or '_' (never '-'); 253 is DNS's longest name.
    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9._-]{0,252}$")]
    private static partial Regex HostName();
}
