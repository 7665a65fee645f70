using System.Text.RegularExpressions;

namespace SshKeep.Config;

/// <summary>A tunnel's <c>destination</c>, <c>[user@]host</c>: refused when it starts with '-' although ssh gets it after
/// <c>--</c>, so that no other tool that builds an argv from it can read it as an option.</summary>
internal static partial class DestinationSyntax
{
    public const string Accepted = "[user@]host";

    /// <summary>Why <paramref name="destination"/> is refused, or null; ssh splits at the last '@'.</summary>
    public static string? Error(string destination)
    {
        var quoted = ConfigText.Quote(destination);
        var user = User(destination);
        var host = destination[(destination.LastIndexOf('@') + 1)..];
        return destination.StartsWith('-') ? $"{quoted} starts with '-', which ssh would read as an option; expected {Accepted}"
            : destination.Any(char.IsWhiteSpace)
                ? $"{quoted} contains a space; expected {Accepted} (ssh options go under `ssh_options`)"
            : destination.Contains("://", StringComparison.Ordinal)
                ? $"{quoted} is a URI; expected {Accepted}, with the port under `port`"
            : user is { Length: 0 } ? $"{quoted} has an empty user before '@'; expected {Accepted}"
            : user is not null && (user.StartsWith('-') || user.Any(char.IsControl))
                ? $"{quoted} has an unusable user name; expected {Accepted}"
            : host.Length == 0 ? $"{quoted} has no host after '@'; expected {Accepted}"
            : HostAndPort().IsMatch(host) ? $"{quoted} has a port after ':'; expected {Accepted}, with the port under `port`"
            : !HostSyntax.IsHost(host) ? $"host {ConfigText.Quote(host)} in {quoted} is not {HostSyntax.Accepted}"
            : null;
    }

    public static string? User(string destination)
    {
        var at = destination.LastIndexOf('@');
        return at < 0 ? null : destination[..at];
    }

    [GeneratedRegex("^[^:]+:[0-9]+$")]
    private static partial Regex HostAndPort();
}
