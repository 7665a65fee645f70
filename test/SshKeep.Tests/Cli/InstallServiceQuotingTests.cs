using SshKeep.Cli;

namespace SshKeep.Tests.Cli;

public sealed class InstallServiceQuotingTests
{
    [Theory]
    [InlineData("/usr/local/bin/sshkeep", "/usr/local/bin/sshkeep")]
    [InlineData("up", "up")]
    [InlineData("-c", "-c")]
    [InlineData("/srv/my tunnels.yaml", "\"/srv/my tunnels.yaml\"")]
    // specifiers and variables would be expanded by systemd
    [InlineData("/srv/100%.yaml", "/srv/100%%.yaml")]
    [InlineData("/srv/$HOME.yaml", "/srv/$$HOME.yaml")]
    [InlineData("/srv/${X}", "/srv/$${X}")]
    // quotes, backslashes and control characters need C-style escapes inside double quotes
    [InlineData("/srv/a\"b", "\"/srv/a\\\"b\"")]
    [InlineData("/srv/it's", "\"/srv/it\\'s\"")]
    [InlineData("/srv/a\\b", "\"/srv/a\\\\b\"")]
    [InlineData("/srv/a\tb", "\"/srv/a\\tb\"")]
    [InlineData("/srv/a\nb", "\"/srv/a\\nb\"")]
    [InlineData("/srv/a\u0001b", "\"/srv/a\\x01b\"")]
    // an empty word, or ';' (a command separator in old versions), must stay a word
    [InlineData("", "\"\"")]
    [InlineData(";", "\";\"")]
    [InlineData("/srv/ünïcode", "/srv/ünïcode")]
    public void ExecStart_words_are_read_back_by_systemd_as_written(string word, string expected)
    {
        Assert.Equal(expected, InstallServiceUnit.ExecWord(word));
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("100%", "100%%")]
    [InlineData("a\nb", "a b")]
    public void Free_text_escapes_specifiers_and_stays_on_one_line(string text, string expected)
    {
        Assert.Equal(expected, InstallServiceUnit.Text(text));
    }
}
