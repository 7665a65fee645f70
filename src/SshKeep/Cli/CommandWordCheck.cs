using SshKeep.Config;

namespace SshKeep.Cli;

/// <summary>Which first words of <c>sshkeep WORD</c> are refused as mistyped commands instead of becoming an ssh
/// to host WORD (docs/compatibility.md, "sshkeep WORD"). Called as <c>autossh</c> nothing is refused.</summary>
internal static class CommandWordCheck
{
    /// <summary>sshkeep's commands, in the order a tie between two suggestions is settled.</summary>
    public static IReadOnlyList<string> Commands { get; } =
        ["up", "status", "stop", "check", "doctor", "restart", "retry-now", "reload", "install-service", "uninstall-service", "demo", "help", "version"];

    /// <summary>Words that are no command of ours but are what people type for one.</summary>
    private static readonly Dictionary<string, string> CommonWords = new(StringComparer.Ordinal)
    {
        ["usage"] = "help",
        ["start"] = "up",
        ["run"] = "up",
        ["daemon"] = "up",
        ["list"] = "status",
        ["ls"] = "status",
        ["ps"] = "status",
        ["show"] = "status",
        ["validate"] = "check",
        ["verify"] = "check",
        ["lint"] = "check",
        ["install"] = "install-service",
        ["uninstall"] = "uninstall-service",
        ["kill"] = "stop",
        ["halt"] = "stop",
        ["shutdown"] = "stop",
    };

    /// <summary>The command <paramref name="firstWord"/> was probably meant to be, or null when it may be a host:
    /// not of a host's usual shapes, no Host alias (<paramref name="isHostAlias"/>, asked last), and a common word
    /// for a command or close to one (<see cref="KeySuggestion.Closest"/>).</summary>
    public static string? SuggestionFor(string firstWord, Func<string, bool> isHostAlias)
    {
        ArgumentNullException.ThrowIfNull(firstWord);
        ArgumentNullException.ThrowIfNull(isHostAlias);
        if (firstWord.Length == 0 || firstWord[0] == '-' || firstWord.IndexOfAny(['.', '@', ':', '/', '[']) >= 0) return null;

        var suggestion = CommonWords.GetValueOrDefault(firstWord.ToLowerInvariant()) ?? KeySuggestion.Closest(firstWord, Commands);
        return suggestion is not null && !isHostAlias(firstWord) ? suggestion : null;
    }
}
