using System.Runtime.CompilerServices;
using SshKeep.Config;

namespace SshKeep.Tests.Config;

/// <summary>docs/config.md is the spec of the file: it names every key the loader accepts and
/// every ssh option it refuses.</summary>
public sealed class ConfigDocsTests
{
    public static TheoryData<string> Keys() =>
        [.. ConfigKeys.All.Select(k => k.Key).Concat(ConfigKeys.ReadyWhen).Distinct()];

    public static TheoryData<string> RefusedOptions() =>
        [.. SshKeywords.Known.Where(k => new[] { "yes", "no", "quiet", "auto", "other" }.Any(v => SshOptionRules.Refusal(k, v) is not null))];

    [Theory]
    [MemberData(nameof(Keys))]
    public void Every_key_is_documented(string key)
    {
        Assert.Contains($"`{key}`", Docs(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(RefusedOptions))]
    public void Every_refused_ssh_option_is_in_the_table_with_its_reason(string keyword)
    {
        var row = Docs().Split('\n').FirstOrDefault(l => l.StartsWith('|') && l.Contains($"`{keyword}`", StringComparison.Ordinal));

        Assert.NotNull(row);
    }

    [Fact]
    public void The_limits_in_the_docs_are_the_loaders()
    {
        var docs = Docs();

        Assert.Contains($"at most **{ConfigLoader.MaxFileBytes / 1024 / 1024} MiB**", docs, StringComparison.Ordinal);
        Assert.Contains($"at most **{ConfigLoader.MaxDepth}**", docs, StringComparison.Ordinal);
        Assert.Contains($"at most **{ConfigLoader.MaxTunnels}** tunnels and **{ConfigLoader.MaxSshOptions}**", docs, StringComparison.Ordinal);
        Assert.Contains($"| 78 |", docs, StringComparison.Ordinal);
    }

    private static string Docs([CallerFilePath] string thisFile = "") =>
        File.ReadAllText(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "..", "..", "docs", "config.md"));
}
