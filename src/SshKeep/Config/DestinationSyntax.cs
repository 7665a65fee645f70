using System.Text.RegularExpressions;

namespace SshKeep.Config;

/// <summary>
/// A tunnel's <c>destination</c>: <c>[user@]host</c>, where host may be an ssh_config alias.
/// It goes to ssh after <c>--</c>, but it is also refused when it starts with '-' so that no
/// other tool that builds an argv from it can read it as an option.
/// </summary>
internal static partial class DestinationSyntax
{
    public const string Accepted = "[user@]host";

    /// <summary>Why <paramref name="destination"/> is refused, or null.</summary>
    public static string? Error(string destination)
    {
        var quoted = ConfigText.Quote(destination);
        if (destination.StartsWith('-'))
        {
            return $"{quoted} starts with '-', which ssh would read as an option; expected {Accepted}";
        }

        if (destination.Any(char.IsWhiteSpace))
        {
            return $"{quoted} contains a space; expected {Accepted} (ssh options go under `ssh_options`)";
        }

        if (destination.Contains("://", StringComparison.Ordinal))
        {
            return $"{quoted} is a URI; expected {Accepted}, with the port under `port`";
        }

        // ssh splits at the last '@': a user name may itself contain '@'.
        var at = destination.LastIndexOf('@');
        var user = at < 0 ? null : destination[..at];
        var host = destination[(at + 1)..];
        if (user is { Length: 0 })
        {
            return $"{quoted} has an empty user before '@'; expected {Accepted}";
        }

        if (user is not null && (user.StartsWith('-') || user.Any(char.IsControl)))
        {
            return $"{quoted} has an unusable user name; expected {Accepted}";
        }

        if (host.Length == 0)
        {
            return $"{quoted} has no host after '@'; expected {Accepted}";
        }

        if (HostAndPort().IsMatch(host))
        {
            return $"{quoted} has a port after ':'; expected {Accepted}, with the port under `port`";
        }

        if (!HostSyntax.IsHost(host))
        {
            return $"host {ConfigText.Quote(host)} in {quoted} is not {HostSyntax.Accepted}";
        }

        return null;
    }

    /// <summary>The user part, or null when the destination names none.</summary>
    public static string? User(string destination)
    {
        var at = destination.LastIndexOf('@');
        return at < 0 ? null : destination[..at];
    }

    [GeneratedRegex("^[^:]+:[0-9]+$")]
    private static partial Regex HostAndPort();
}
