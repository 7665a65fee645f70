using SshKeep.Demo;
using SshKeep.Ssh;
using SshKeep.Tests.Integration.Infrastructure;
using Xunit.Abstractions;

namespace SshKeep.Tests.Packaging;

/// <summary>
/// lintian, Debian's package checker, has nothing to say about either package: no error, no
/// warning, and with --display-info --pedantic nothing either, once the justified overrides
/// (packaging/debian/lintian-overrides, docs/packaging.md) are applied.
/// </summary>
public sealed class LintianTests(ITestOutputHelper output)
{
    [BuiltPackageFact]
    public async Task Lintian_reports_nothing_on_either_package_even_with_info_and_pedantic_tags_shown()
    {
        string lintian = DemoTools.Find("lintian") ?? throw new InvalidOperationException("lintian is not installed (test.sh installs it as root: apt-get install lintian)");

        var result = await Run.ProgramAsync(lintian,
            ["--display-info", "--pedantic", "--fail-on", "error,warning,info,pedantic", .. BuiltPackages.Architectures.Select(BuiltPackages.PathFor)],
            TimeSpan.FromMinutes(5));
        output.WriteLine($"lintian: exit {result.ExitCode}\n{result.StandardOutput}{result.StandardError}");

        Assert.Equal("", result.StandardOutput);
        Assert.Equal(0, result.ExitCode);
    }

    /// <summary>
    /// lintian's spelling check of the program is overridden (it reads machine code as words), so
    /// our own text meets lintian's list of misspellings here, from the source.
    /// </summary>
    [BuiltPackageFact]
    public void No_word_of_our_source_docs_or_man_pages_is_in_lintians_list_of_misspellings()
    {
        const string corrections = "/usr/share/lintian/data/spelling/corrections";
        Assert.True(File.Exists(corrections), $"{corrections} is missing (test.sh installs lintian as root)");
        var mistakes = File.ReadLines(corrections)
            .Where(line => line.Contains("||") && !line.StartsWith('#'))
            .Select(line => line.Split("||"))
            .ToDictionary(pair => pair[0], pair => pair[1]);

        string root = ManPageRoff.RepositoryRoot();
        var files = Directory.EnumerateFiles(Path.Combine(root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .Concat(Directory.EnumerateFiles(Path.Combine(root, "docs"), "*.md"))
            .Concat(Directory.EnumerateFiles(Path.Combine(root, "packaging", "man")))
            .Append(Path.Combine(root, "README.md"));
        var found = files
            .SelectMany(path => System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(path), "[A-Za-z][A-Za-z']+")
                .Select(word => word.Value.ToLowerInvariant())
                .Where(mistakes.ContainsKey)
                .Select(word => $"{Path.GetRelativePath(root, path)}: {word} (lintian: {mistakes[word]})"))
            .Distinct()
            .ToList();

        Assert.Empty(found);
    }
}
