namespace SshKeep.Config;

/// <summary>Narrower than what ssh might swallow, so a value can never start an option ('-') or smuggle a space, a quote or
/// a '%' token into ssh's argv.</summary>
internal static partial class HostSyntax
{
    public const string Accepted = "a host name or IP address (letters, digits, '.', '_', '-'; IPv6 in [brackets] inside a forward)";

    public static string Bracketed(string host) => host.Contains(':') ? $"[{host}]" : host;

    public static string Endpoint(string host, int port) => $"{Bracketed(host)}:{port.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>Without brackets.</summary>
    public static bool IsHost(string host) =>
        HostName().IsMatch(host) || IsIPv6(host);

    public static bool IsIPv6(string host) => Address(host) is { AddressFamily: AddressFamily.InterNetworkV6 };

    /// <summary>Dotted quads or IPv6 only: IPAddress.TryParse also reads "1" as 0.0.0.1.</summary>
    public static IPAddress? Address(string text) =>
        (text.Contains(':') || text.Count(c => c == '.') == 3) && IPAddress.TryParse(text, out var address) ? address : null;

    public const string DestinationAccepted = "[user@]host";

    /// <summary>ssh splits at the last '@'. A '-' first is refused although ssh gets it after <c>--</c>, so that no other
    /// tool that builds an argv from it reads an option.</summary>
    public static string? DestinationError(string destination)
    {
        var quoted = ConfigText.Quote(destination);
        var expected = "expected " + DestinationAccepted;
        var user = User(destination);
        var host = destination[(destination.LastIndexOf('@') + 1)..];
        return destination.StartsWith('-') ? $"{quoted} starts with '-', which ssh would read as an option; {expected}"
            : destination.Any(char.IsWhiteSpace) ? $"{quoted} contains a space; {expected} (ssh options go under `ssh_options`)"
            : destination.Contains("://", StringComparison.Ordinal) ? $"{quoted} is a URI; {expected}, with the port under `port`"
            : user is { Length: 0 } ? $"{quoted} has an empty user before '@'; {expected}"
            : user is not null && (user.StartsWith('-') || user.Any(char.IsControl))
                ? $"{quoted} has an unusable user name; {expected}"
            : host.Length == 0 ? $"{quoted} has no host after '@'; {expected}"
            : HostAndPort().IsMatch(host) ? $"{quoted} has a port after ':'; {expected}, with the port under `port`"
            : !IsHost(host) ? $"host {ConfigText.Quote(host)} in {quoted} is not {Accepted}"
            : null;
    }

    public static string? User(string destination)
    {
        var at = destination.LastIndexOf('@');
        return at < 0 ? null : destination[..at];
    }

    [GeneratedRegex("^[^:]+:[0-9]+$")]
    private static partial Regex HostAndPort();

    // Must start with a letter, digit or '_' (never '-'); 253 is DNS's longest name.
    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9._-]{0,252}$")]
    private static partial Regex HostName();
}
