using SshKeep.Cli;

namespace SshKeep.Tests.Cli;

/// <summary>Which first words `sshkeep WORD` refuses as mistyped commands (docs/compatibility.md, "sshkeep WORD").</summary>
public sealed class CommandWordCheckTests
{
    [Theory]
    // Close to a command: refused, with the command.
    [InlineData("stauts", "status")]
    [InlineData("stats", "status")]
    [InlineData("Status", "status")]
    [InlineData("stp", "stop")]
    [InlineData("chek", "check")]
    [InlineData("docter", "doctor")]
    [InlineData("restrat", "restart")]
    [InlineData("retrynow", "retry-now")]
    [InlineData("relaod", "reload")]
    [InlineData("uninstal-service", "uninstall-service")]
    [InlineData("install-servce", "install-service")]
    [InlineData("versoin", "version")]
    [InlineData("hlp", "help")]
    [InlineData("docker", "doctor")]
    [InlineData("hepl", "help")]
    [InlineData("retry_now", "retry-now")]
    [InlineData("upp", "up")]
    // Words people type for a command.
    [InlineData("start", "up")]
    [InlineData("list", "status")]
    [InlineData("ls", "status")]
    [InlineData("usage", "help")]
    [InlineData("validate", "check")]
    [InlineData("uninstall", "uninstall-service")]
    [InlineData("kill", "stop")]
    public void A_word_close_to_a_command_is_refused_with_that_command(string word, string expected) =>
        Assert.Equal(expected, CommandWordCheck.SuggestionFor(word, _ => false));

    [Theory]
    // Host shapes: never refused.
    [InlineData("status.example.com")]
    [InlineData("me@status")]
    [InlineData("stop:2222")]
    [InlineData("ssh://stats")]
    [InlineData("[::1]")]
    // Options start an autossh command line (and `sshkeep -- WORD` is the way to name any host).
    [InlineData("-M")]
    [InlineData("--")]
    // Short host aliases: too far from any command.
    [InlineData("db")]
    [InlineData("pi")]
    [InlineData("web")]
    [InlineData("prod")]
    [InlineData("vps")]
    [InlineData("bastion")]
    [InlineData("staging")]
    [InlineData("myhost")]
    [InlineData("")]
    public void A_word_that_may_be_a_host_goes_to_compatibility_mode(string word) =>
        Assert.Null(CommandWordCheck.SuggestionFor(word, _ => false));

    [Fact]
    public void A_host_alias_of_the_users_ssh_config_is_never_refused() =>
        Assert.Null(CommandWordCheck.SuggestionFor("stats", alias => alias == "stats"));

    [Fact]
    public void The_ssh_config_is_asked_only_about_a_word_that_would_be_refused()
    {
        var asked = new List<string>();
        CommandWordCheck.SuggestionFor("db", alias => { asked.Add(alias); return false; });
        Assert.Empty(asked);
    }
}
