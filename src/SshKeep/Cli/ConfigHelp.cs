using SshKeep.Config;

namespace SshKeep.Cli;

/// <summary><c>sshkeep help config [KEY]</c>: the tunnels file's keys, or one of them
/// (<see cref="ConfigKeyHelp"/>; docs/config.md).</summary>
internal static class ConfigHelp
{
    /// <summary>The word after <c>help</c> that asks for the keys rather than a command's help.</summary>
    public const string Topic = "config";

    /// <summary>Prints the listing, or the key's entry; an unknown key is one line on
    /// <paramref name="error"/> and the usage status (docs/exit-codes.md).</summary>
    public static int Run(string? key, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (key is null)
        {
            output.Write(ConfigKeyHelp.Listing());
            return ExitCodes.Ok;
        }

        var entries = ConfigKeyHelp.Find(key);
        if (entries.Count > 0)
        {
            output.Write(ConfigKeyHelp.Explain(entries));
            return ExitCodes.Ok;
        }

        var suggestion = ConfigKeyHelp.Suggestion(key) is { } closest ? $" (did you mean {closest}?)" : "";
        error.WriteLine($"sshkeep: help {Topic} {ConfigText.Quote(key)}: no such key of the tunnels file{suggestion}; `sshkeep help {Topic}` lists them");
        return ExitCodes.Usage;
    }
}
