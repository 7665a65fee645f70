using System.CommandLine;
using SshKeep.Cli;

namespace SshKeep.Tests.Packaging;

/// <summary>sshkeep's own commands and their options, read from the parser itself
/// (<see cref="DaemonCommandLine.Build"/>): what the man page and the bash completion must know.</summary>
internal static class ManPageCommandTree
{
    private static readonly RootCommand Root = DaemonCommandLine.Build();

    public static IReadOnlyList<string> Commands { get; } = [.. Root.Subcommands.Select(c => c.Name)];

    /// <summary>The spellings a user types for the command's options: every name and alias that
    /// starts with '-' (help's own included), except "-?", which a shell would glob.</summary>
    public static IReadOnlyList<string> OptionsOf(string command)
    {
        var options = Root.Subcommands.Single(c => c.Name == command).Options.Concat(Root.Options.Where(o => o.Recursive));
        return [.. options.SelectMany(o => o.Aliases.Prepend(o.Name)).Where(s => s.StartsWith('-') && s != "-?").Distinct().Order(StringComparer.Ordinal)];
    }

    /// <summary>Every command with every option it takes, for [Theory] data.</summary>
    public static TheoryData<string, string> CommandOptions()
    {
        var data = new TheoryData<string, string>();
        foreach (var command in Commands)
            foreach (var option in OptionsOf(command)) data.Add(command, option);
        return data;
    }
}
