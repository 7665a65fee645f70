using System.Text.RegularExpressions;

namespace SshKeep.Tests.Compat;

/// <summary>The repo explains itself: every autossh rule number cited in src/, test/ and docs/
/// has an entry in docs/autossh-rules.md, and nothing cites a file outside the repo or an
/// issue number instead of saying what it means.</summary>
public sealed partial class AutosshRulesDocTests
{
    private static readonly string[] CitingTrees = ["src", "test", "docs", "README.md"];

    private static readonly string[] SelfContainedTrees =
        ["src", "test", "docs", "bench", "scripts", "packaging", "README.md", "run.sh", "test.sh"];

    [Fact]
    public void Every_rule_number_cited_in_the_repo_has_an_entry_in_the_rules_document()
    {
        var documented = Documented();
        var missing = new List<string>();
        var cited = 0;
        foreach (var (path, text) in TextFiles(CitingTrees))
        {
            foreach (Match match in RuleCitation().Matches(text))
            {
                cited++;
                if (!documented.Contains(match.Groups[1].Value))
                    missing.Add($"{path}: R{match.Groups[1].Value}");
            }
        }

        Assert.True(cited >= 300, $"only {cited} rule citations found; did the pattern stop matching?");
        Assert.True(missing.Count == 0, "cited but not in docs/autossh-rules.md:\n" + string.Join('\n', missing.Distinct()));
    }

    [Fact]
    public void The_rules_document_keeps_every_rule_of_autossh_1_4g_with_its_sub_numbers()
    {
        var documented = Documented();
        int[] main = [.. Enumerable.Range(1, 22), .. Enumerable.Range(29, 28), .. Enumerable.Range(60, 17),
            .. Enumerable.Range(80, 7), 90, 95, 96, 101, 102];
        string[] subs = [.. Enumerable.Range(1, 6).Select(n => $"63.{n}"), "61.1", "61.2", "60.2", "60.3",
            .. Enumerable.Range(1, 8).Select(n => $"60.3.{n}"), .. Enumerable.Range(1, 19).Select(n => $"96.{n}")];

        var absent = main.Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)).Concat(subs)
            .Where(r => !documented.Contains(r)).ToList();
        Assert.True(absent.Count == 0, "no entry for R" + string.Join(", R", absent));
    }

    [Fact]
    public void Every_rule_says_how_it_was_established_and_every_link_points_into_the_repo()
    {
        foreach (var line in RulesDoc().Split('\n').Where(l => TopLevelEntry().IsMatch(l)))
        {
            var rule = TopLevelEntry().Match(line).Groups[1].Value;
            var plain = rule is "75" or "86" or "95" or "96"; // a restatement, a catalogue, the limits, the quirk list
            Assert.True(plain || line.Contains("[verified", StringComparison.Ordinal) || line.Contains("[source", StringComparison.Ordinal),
                $"R{rule} has no [verified] or [source] tag: {line}");
        }

        foreach (Match link in MarkdownLink().Matches(RulesDoc()))
        {
            var target = link.Groups[1].Value;
            Assert.True(File.Exists(Path.Combine(RepoRoot(), "docs", target)), $"docs/autossh-rules.md links to a missing {target}");
        }
    }

    [Fact]
    public void No_file_cites_the_shared_folder_outside_the_repo_or_an_issue_number()
    {
        var offenders = new List<string>();
        foreach (var (path, text) in TextFiles(SelfContainedTrees))
        {
            var lines = text.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                if (OutsideReference().IsMatch(lines[i]) || IssueNumber().IsMatch(lines[i]))
                    offenders.Add($"{path}:{i + 1}: {lines[i].Trim()}");
            }
        }

        Assert.True(offenders.Count == 0, "say what is meant, citing docs/…:\n" + string.Join('\n', offenders));
    }

    [Theory]
    [InlineData("see R63.4 for the sleep", true)]
    [InlineData("Rules = \"R66, R71, R63.6\"", true)]
    [InlineData("R60.3.4: a SIGTERM since the loop started", true)]
    [InlineData("R16c, R17", true)]
    [InlineData("ssh -R 20000:127.0.0.1:20001", false)]
    [InlineData("-R20000:x:1", false)]
    [InlineData("FOR2 and XR5 are not rules", false)]
    public void The_citation_pattern_finds_rule_numbers_and_not_forward_options(string text, bool isCitation)
    {
        Assert.Equal(isCitation, RuleCitation().IsMatch(text));
    }

    [Theory]
    [InlineData("as issue " + "4 asks", true)] // split so this file passes its own check
    [InlineData("Issue " + "11's figures", true)]
    [InlineData("see issue " + "#12", true)]
    [InlineData("the issue's goal of 5 s", false)]
    [InlineData("KNOWN_ISSUES 2", false)]
    public void The_issue_pattern_finds_issue_numbers_only(string text, bool isIssueNumber)
    {
        Assert.Equal(isIssueNumber, IssueNumber().IsMatch(text));
    }

    private static HashSet<string> Documented() =>
        [.. DocumentedEntry().Matches(RulesDoc()).Select(m => m.Groups[1].Value)];

    private static string RulesDoc() => File.ReadAllText(Path.Combine(RepoRoot(), "docs", "autossh-rules.md"));

    private static IEnumerable<(string Path, string Text)> TextFiles(string[] roots)
    {
        var root = RepoRoot();
        foreach (var name in roots)
        {
            var full = Path.Combine(root, name);
            var files = File.Exists(full) ? [full]
                : Directory.Exists(full) ? Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories)
                : Enumerable.Empty<string>();
            foreach (var file in files)
            {
                var relative = Path.GetRelativePath(root, file);
                if (relative.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or "TestResults" or "node_modules"))
                    continue;
                var text = File.ReadAllText(file);
                if (text.Contains('\0')) continue; // images and other binaries
                yield return (relative, text);
            }
        }
    }

    private static string RepoRoot() => Path.GetFullPath(Packaging.ManPageRoff.RepositoryRoot());

    /// <summary>R12, R60.3.4, R96.19, R16c (a lettered part of R16); not `-R 2000:…` nor a
    /// name that merely ends in R and a digit.</summary>
    [GeneratedRegex(@"(?<![\w\-/.])R(\d+(?:\.\d+)*)(?:[a-d])?(?!\w)")]
    private static partial Regex RuleCitation();

    /// <summary>An entry of docs/autossh-rules.md: `**R63.4**`.</summary>
    [GeneratedRegex(@"\*\*R(\d+(?:\.\d+)*)\*\*")]
    private static partial Regex DocumentedEntry();

    [GeneratedRegex(@"^- \*\*R(\d+)\*\*")]
    private static partial Regex TopLevelEntry();

    [GeneratedRegex(@"\]\(([\w\-]+\.md)(?:#[\w\-]*)?\)")]
    private static partial Regex MarkdownLink();

    [GeneratedRegex(@"\.\./shared\b|/work/[s]hared\b")] // [s]: so this line does not match itself
    private static partial Regex OutsideReference();

    [GeneratedRegex(@"\bissues?\s+#?\d", RegexOptions.IgnoreCase)]
    private static partial Regex IssueNumber();
}
