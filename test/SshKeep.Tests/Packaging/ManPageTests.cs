using System.Globalization;
using System.Text.RegularExpressions;
using SshKeep.Compat;
using SshKeep.Config;
using SshKeep.Logging;
using SshKeep.Tests.Cli;

namespace SshKeep.Tests.Packaging;

/// <summary>
/// The man pages the package installs (packaging/man) do not drift from the code: every command and
/// option of the parser is in sshkeep(1), every AUTOSSH_ variable of the usage in its ENVIRONMENT,
/// every status of docs/exit-codes.md in its EXIT STATUS; every key the config loader accepts and
/// every ssh option it refuses is in sshkeep-tunnels(5), whose example is docs/examples/tunnels.yaml.
/// </summary>
public sealed partial class ManPageTests
{
    private static readonly ManPageRoff Sshkeep = ManPageRoff.Read("sshkeep.1");
    private static readonly ManPageRoff Tunnels = ManPageRoff.Read("sshkeep-tunnels.5");

    public static TheoryData<string> Commands() => [.. ManPageCommandTree.Commands];

    public static TheoryData<string, string> CommandOptions() => ManPageCommandTree.CommandOptions();

    public static TheoryData<string> AutosshVariables() =>
        [.. AutosshVariable().Matches(CompatUsage.Text("autossh")).Select(m => m.Value).Distinct()];

    public static TheoryData<string> ExitStatuses() => [.. DocumentedExitStatuses()];

    public static TheoryData<string> ConfigKeyNames() =>
        [.. ConfigKeys.All.Select(k => k.Key).Distinct()];

    public static TheoryData<string> ConfigWords() => [.. ConfigKeys.ReadyWhen.Concat(ConfigKeys.ForwardTypes).Distinct()];

    public static TheoryData<string> RefusedSshOptions() =>
        [.. SshKeywords.Known.Where(k => new[] { "yes", "no", "quiet", "auto", "other" }.Any(v => SshOptionRules.Refusal(k, v) is not null))];

    [Theory]
    [MemberData(nameof(Commands))]
    public void Every_command_is_in_the_synopsis_and_described_under_COMMANDS(string command)
    {
        Assert.Contains(Sshkeep.Section("SYNOPSIS").Split('\n'), line => line.StartsWith($"sshkeep {command}", StringComparison.Ordinal));
        Assert.Contains(Sshkeep.Terms("COMMANDS"), term => term.Split(' ')[0] == command);
    }

    [Theory]
    [MemberData(nameof(CommandOptions))]
    public void Every_option_of_every_command_is_described_in_sshkeep_1(string command, string option)
    {
        var word = new Regex($@"(?<![\w-]){Regex.Escape(option)}(?![\w-])");

        Assert.Matches(word, Sshkeep.Text);
        // An entry of its own under COMMANDS (help's is the paragraph that ends the section).
        if (option is not ("--help" or "-h")) Assert.Contains(Sshkeep.Terms("COMMANDS"), word.IsMatch);
        Assert.Contains(command, ManPageCommandTree.Commands);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void The_synopsis_line_of_each_command_shows_its_options(string command)
    {
        var line = Sshkeep.Section("SYNOPSIS").Split('\n').SkipWhile(l => !l.StartsWith($"sshkeep {command}", StringComparison.Ordinal))
            .TakeWhile(l => l.Length > 0).Aggregate("", (a, l) => a + " " + l);
        // Each option by one of its spellings (-c stands for --config); help is on its own line.
        var spellings = ManPageCommandTree.OptionsOf(command).Where(o => o is not ("--help" or "-h"));
        var missing = spellings.GroupBy(OptionIdentity).Where(g => !g.Any(o => line.Contains($"[{o}", StringComparison.Ordinal))).Select(g => g.Key);

        Assert.Empty(missing);
    }

    [Fact]
    public void Compatibility_mode_options_and_the_log_levels_are_described()
    {
        var terms = Sshkeep.Terms("COMPATIBILITY MODE OPTIONS");

        Assert.Equal(["-M", "-f", "-V"], terms.Select(t => t.Split(' ')[0]));
        Assert.All(DaemonLogLevels.Names, level => Assert.Contains(level, Sshkeep.Section("COMMANDS"), StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(AutosshVariables))]
    public void Every_AUTOSSH_variable_is_under_ENVIRONMENT(string variable)
    {
        Assert.Contains(variable, Sshkeep.Terms("ENVIRONMENT"));
    }

    [Theory]
    [MemberData(nameof(ExitStatuses))]
    public void Every_exit_status_of_docs_exit_codes_is_under_EXIT_STATUS(string status)
    {
        Assert.Contains(status, Sshkeep.Terms("EXIT STATUS"));
    }

    [Fact]
    public void The_exit_statuses_are_read_from_the_docs()
    {
        // Guards the reading of docs/exit-codes.md itself: a table the regex no longer matches would
        // otherwise check nothing.
        Assert.Superset(new HashSet<string>(["0", "1", "3", "4", "64", "78", "131"]), DocumentedExitStatuses().ToHashSet());
    }

    [Theory]
    [MemberData(nameof(ConfigKeyNames))]
    public void Every_key_the_loader_accepts_has_an_entry_in_sshkeep_tunnels_5(string key)
    {
        var terms = new[] { "TOP-LEVEL KEYS", "TUNNEL KEYS", "FORWARDS", "HEALTH", "BACKOFF", "HOOKS" }.SelectMany(Tunnels.Terms);

        Assert.Contains(key, terms.Select(t => t.Split(' ')[0].TrimEnd(':')));
        Assert.Contains(key, ConfigKeys.All.Select(e => e.Key));
    }

    /// <summary>Every key <c>sshkeep help config</c> lists, with the man page's section it names and its summary.</summary>
    public static TheoryData<string, string, string> ConfigKeyHelpEntries()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var entry in ConfigKeys.All) data.Add(entry.Path, entry.Heading, entry.Summary);
        return data;
    }

    [Theory]
    [MemberData(nameof(ConfigKeyHelpEntries))]
    public void Each_key_help_config_lists_has_an_entry_in_sshkeep_tunnels_5_that_says_what_its_summary_says(string path, string heading, string summary)
    {
        // The summary is phrases of the man page's entry (its term included), in its order: its
        // ranges, defaults and accepted words are the page's.
        var entry = Tunnels.Terms(heading).First(t => t.Split(' ')[0].TrimEnd(':') == path[(path.LastIndexOf('.') + 1)..]) + " " +
                    Tunnels.Entry(heading, path[(path.LastIndexOf('.') + 1)..]);
        var at = 0;
        foreach (var phrase in SummaryPhrase().Split(summary))
        {
            // Whole words: "default 3" is not in "default 30".
            var found = new Regex($@"(?<!\w){Regex.Escape(phrase)}(?!\w)", RegexOptions.IgnoreCase).Match(entry, at);
            Assert.True(found.Success, $"{path}: \"{phrase}\" is not in (or not in the order of) the entry of sshkeep-tunnels(5), {heading}: {entry}");
            at = found.Index + found.Length;
        }
    }

    /// <summary>Every key with a number for its built-in default, as the loader's key table gives it.</summary>
    public static TheoryData<string, string, string> Defaults()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var key in ConfigKeys.All.Where(k => k.Default is int or double))
            data.Add(key.Heading, key.Key, Convert.ToString(key.Default, CultureInfo.InvariantCulture)!);
        return data;
    }

    [Theory]
    [MemberData(nameof(Defaults))]
    public void The_defaults_in_sshkeep_tunnels_5_are_the_loaders(string heading, string key, string value)
    {
        Assert.Contains($"default {value}.", Tunnels.Entry(heading, key), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ConfigWords))]
    public void Every_word_a_key_accepts_is_in_sshkeep_tunnels_5(string word)
    {
        Assert.Matches(new Regex($@"(?<![\w-]){Regex.Escape(word)}(?![\w-])"), Tunnels.Text);
    }

    [Theory]
    [MemberData(nameof(RefusedSshOptions))]
    public void Every_refused_ssh_option_has_an_entry_under_SSH_OPTIONS(string keyword)
    {
        Assert.Contains(keyword, Tunnels.Terms("SSH OPTIONS").SelectMany(t => t.Split(' ')[0..1].Concat(t.Split(", "))));
    }

    [Fact]
    public void The_example_of_sshkeep_tunnels_5_is_docs_examples_tunnels_yaml()
    {
        var example = File.ReadAllText(Path.Combine(ManPageRoff.RepositoryRoot(), "docs", "examples", "tunnels.yaml"));
        if (Environment.GetEnvironmentVariable(GoldenFile.UpdateVariable) == "1")
        {
            var old = ManPageRoff.EscapePreformatted(Tunnels.Preformatted("EXAMPLES"));
            File.WriteAllText(Tunnels.Path, Tunnels.Source.Replace(old, ManPageRoff.EscapePreformatted(example), StringComparison.Ordinal));
        }

        Assert.Equal(example, ManPageRoff.Read("sshkeep-tunnels.5").Preformatted("EXAMPLES"));
    }

    [Fact]
    public void Both_pages_are_plain_ASCII_as_groff_needs_them()
    {
        Assert.All(new[] { Sshkeep, Tunnels }, page => Assert.DoesNotContain(page.Source, c => c > 127));
    }

    /// <summary>The statuses in the status column of docs/exit-codes.md's tables: a number at the
    /// start of the cell or after "; " or ", ", and the second of "N or M".</summary>
    private static IEnumerable<string> DocumentedExitStatuses()
    {
        var docs = File.ReadAllLines(Path.Combine(ManPageRoff.RepositoryRoot(), "docs", "exit-codes.md"));
        return docs.Where(l => l.StartsWith('|') && !l.StartsWith("| ---", StringComparison.Ordinal))
            .Select(l => l.TrimEnd().TrimEnd('|').Split('|')[^1].Trim())
            .SelectMany(cell => StatusInCell().Matches(cell).SelectMany(m => new[] { m.Groups[1], m.Groups[2] }))
            .Where(g => g.Success).Select(g => g.Value).Distinct();
    }

    private static string OptionIdentity(string spelling) => spelling == "-c" ? "--config" : spelling;

    [GeneratedRegex(@"[,;.] ")]
    private static partial Regex SummaryPhrase();

    [GeneratedRegex(@"AUTOSSH_[A-Z_]+")]
    private static partial Regex AutosshVariable();

    [GeneratedRegex(@"(?:^|; |, )(\d+)\b(?: or (\d+)\b)?")]
    private static partial Regex StatusInCell();
}
