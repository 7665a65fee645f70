using SshKeep.Config;

namespace SshKeep.Tests.Config;

/// <summary>"did you mean …?" for misspelt keys and ssh options.</summary>
public sealed class KeySuggestionTests
{
    private static readonly string[] TunnelKeys =
        ["destination", "port", "identity_file", "ssh_path", "ssh_options", "forwards", "health", "backoff", "enabled"];

    [Theory]
    [InlineData("destnation", "destination")]
    [InlineData("Destination", "destination")]
    [InlineData("identityFile", "identity_file")]
    [InlineData("identity-file", "identity_file")]
    [InlineData("prot", "port")]
    [InlineData("ports", "port")]
    [InlineData("forward", "forwards")]
    [InlineData("fowrards", "forwards")]
    [InlineData("sshoptions", "ssh_options")]
    [InlineData("enable", "enabled")]
    [InlineData("backof", "backoff")]
    public void A_near_miss_suggests_the_known_key(string given, string expected)
    {
        Assert.Equal(expected, KeySuggestion.Closest(given, TunnelKeys));
    }

    [Theory]
    [InlineData("colour")]
    [InlineData("x")]
    [InlineData("")]
    [InlineData("pt")]
    [InlineData("description")]
    public void A_word_close_to_nothing_suggests_nothing(string given)
    {
        Assert.Null(KeySuggestion.Closest(given, TunnelKeys));
    }

    [Theory]
    [InlineData("abc", "abc", 0)]
    [InlineData("abc", "acb", 1)]
    [InlineData("abc", "ab", 1)]
    [InlineData("abc", "xbc", 1)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("", "abc", 3)]
    public void Distance_counts_insertions_deletions_substitutions_and_swaps(string a, string b, int expected)
    {
        Assert.Equal(expected, KeySuggestion.Distance(a, b));
    }
}
