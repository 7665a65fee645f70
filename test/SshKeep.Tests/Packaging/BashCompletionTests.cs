using System.Globalization;
using SshKeep.Config;
using SshKeep.Demo;
using SshKeep.Logging;
using SshKeep.Tests.Integration;
using SshKeep.Tests.Security;

namespace SshKeep.Tests.Packaging;

/// <summary>
/// The bash completion the package installs (packaging/completion/sshkeep), run in plain bash: its
/// lists are the parser's, Tab offers commands, options and their values, the keys of the tunnels
/// file after <c>help config</c> (as the program lists them), and the tunnel names of the daemon that
/// runs the file on the command line — nothing, and nothing on the terminal, when no daemon runs.
/// </summary>
public sealed class BashCompletionTests
{
    public static TheoryData<string> Commands() => [.. ManPageCommandTree.Commands];

    [Fact]
    public async Task The_commands_it_offers_are_the_parsers()
    {
        Assert.Equal(ManPageCommandTree.Commands, (await BashCompletionShell.EvaluateAsync("echo $_sshkeep_commands")).Split(' '));
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task The_options_it_offers_for_each_command_are_the_parsers(string command)
    {
        var offered = (await BashCompletionShell.EvaluateAsync($"_sshkeep_options {command}")).Split(' ', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(ManPageCommandTree.OptionsOf(command), offered.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_log_levels_and_formats_it_offers_are_the_ones_up_accepts()
    {
        Assert.Equal(DaemonLogLevels.Names, (await BashCompletionShell.EvaluateAsync("echo $_sshkeep_log_levels")).Split(' '));
        Assert.Equal(Enum.GetNames<DaemonLogFormat>().Select(n => n.ToLowerInvariant()),
            (await BashCompletionShell.EvaluateAsync("echo $_sshkeep_log_formats")).Split(' '));
    }

    [Theory]
    [InlineData("sshkeep|", "check demo doctor help install-service reload restart retry-now status stop uninstall-service up version")]
    [InlineData("sshkeep|re", "reload restart retry-now")]
    [InlineData("sshkeep|--", "--help --version")]
    [InlineData("sshkeep|status|--", "--config --help --json --run-dir")]
    [InlineData("sshkeep|install-service|--", "--account --config --help --user --write")]
    [InlineData("sshkeep|up|--log-level|w", "warn")]
    [InlineData("sshkeep|up|--log-format|", "json text")]
    [InlineData("sshkeep|up|--http|", "")]
    [InlineData("sshkeep|help|un", "uninstall-service")]
    [InlineData("sshkeep|help|c", "check config")]
    [InlineData("sshkeep|help|up|", "")]
    [InlineData("sshkeep|version|", "")]
    [InlineData("sshkeep|-M|", "")]
    [InlineData("sshkeep|-M|0|-N|localhos", "localhost")] // an autossh command line: hosts (ssh's own completion when installed)
    public async Task Tab_offers_what_the_command_line_can_take_next(string line, string expected)
    {
        var (replies, stderr) = await BashCompletionShell.CompleteAsync(line.Split('|'));

        Assert.Equal(expected, string.Join(' ', replies));
        Assert.Equal("", stderr);
    }

    [Theory]
    [InlineData("-c")]
    [InlineData("--config")]
    public async Task The_config_option_offers_yaml_files_and_directories_a_name_with_a_space_as_one(string option)
    {
        var directory = Directory.CreateTempSubdirectory("sshkeep-completion-").FullName;
        try
        {
            foreach (var file in new[] { "office.yaml", "my office.yaml", "home.yml", "notes.txt" }) File.WriteAllText(Path.Combine(directory, file), "");
            Directory.CreateDirectory(Path.Combine(directory, "more"));

            var (replies, _) = await BashCompletionShell.CompleteAsync(["sshkeep", "check", option, ""], directory);

            Assert.Equal(["home.yml", "more", "my office.yaml", "office.yaml"], replies);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Tunnel_names_come_from_the_daemon_that_runs_the_file_on_the_command_line()
    {
        await using var daemon = DaemonUnderTest.Start(TwoTunnels());
        await daemon.AnsweringAsync();
        string[] where = ["-c", daemon.ConfigPath, "--run-dir", daemon.RunDirectory];

        var restart = await BashCompletionShell.CompleteAsync([SshkeepUnderTest.BinaryPath, "restart", .. where, ""]);
        var retryNow = await BashCompletionShell.CompleteAsync([SshkeepUnderTest.BinaryPath, "retry-now", "d", .. where, "d"]);
        var retryNowPrefix = await BashCompletionShell.CompleteAsync([SshkeepUnderTest.BinaryPath, "retry-now", .. where, "w"]);
        var second = await BashCompletionShell.CompleteAsync([SshkeepUnderTest.BinaryPath, "restart", "db", .. where, ""]);

        Assert.Equal(["db", "web-back"], restart.Replies);
        Assert.Equal("", restart.StandardError);
        Assert.Empty(retryNow.Replies); // a tunnel is already named
        Assert.Equal(["web-back"], retryNowPrefix.Replies);
        Assert.Empty(second.Replies);
    }

    [Fact]
    public async Task Help_config_offers_the_keys_the_program_lists()
    {
        var all = await BashCompletionShell.CompleteAsync([SshkeepUnderTest.BinaryPath, "help", "config", ""]);
        var probe = await BashCompletionShell.CompleteAsync([SshkeepUnderTest.BinaryPath, "help", "config", "tunnels.NAME.health.probe_"]);
        var forward = await BashCompletionShell.CompleteAsync([SshkeepUnderTest.BinaryPath, "help", "config", "tunnels.NAME.forwards[N].probe."]);
        var second = await BashCompletionShell.CompleteAsync([SshkeepUnderTest.BinaryPath, "help", "config", "version", ""]);

        Assert.Equal(ConfigKeys.All.Select(e => e.Path).Order(StringComparer.Ordinal), all.Replies);
        Assert.Equal("", all.StandardError);
        Assert.Equal(["tunnels.NAME.health.probe_failures", "tunnels.NAME.health.probe_interval", "tunnels.NAME.health.probe_timeout"], probe.Replies);
        Assert.Equal(["tunnels.NAME.forwards[N].probe.expect", "tunnels.NAME.forwards[N].probe.http", "tunnels.NAME.forwards[N].probe.send"], forward.Replies);
        Assert.Empty(second.Replies); // a key is already named
    }

    [Fact]
    public async Task Without_a_program_to_ask_config_keys_are_nothing_and_the_terminal_stays_clean()
    {
        var (replies, stderr) = await BashCompletionShell.CompleteAsync(["/nonexistent/sshkeep", "help", "config", ""]);

        Assert.Empty(replies);
        Assert.Equal("", stderr);
    }

    [Fact]
    public async Task Without_a_daemon_tunnel_names_are_nothing_and_the_terminal_stays_clean()
    {
        var directory = Directory.CreateTempSubdirectory("sshkeep-completion-").FullName;
        try
        {
            var (replies, stderr) = await BashCompletionShell.CompleteAsync(
                [SshkeepUnderTest.BinaryPath, "restart", "-c", Path.Combine(directory, "tunnels.yaml"), "--run-dir", Path.Combine(directory, "run"), ""]);

            Assert.Empty(replies);
            Assert.Equal("", stderr);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Two tunnels whose ssh is /bin/false: they never come up, but the daemon knows their names.</summary>
    private static string TwoTunnels() => string.Create(CultureInfo.InvariantCulture, $$"""
        defaults:
          ssh_path: /bin/false
          health: { probe_interval: 0 }
        tunnels:
          db:
            destination: user@127.0.0.1
            forwards: [ { local: "127.0.0.1:{{LoopbackPort.PickFree()}}:127.0.0.1:9" } ]
          web-back:
            destination: user@127.0.0.1
            forwards: [ { remote: "127.0.0.1:{{LoopbackPort.PickFree()}}:127.0.0.1:9" } ]
        """);
}
