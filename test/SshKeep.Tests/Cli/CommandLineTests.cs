using System.Runtime.CompilerServices;
using SshKeep.Cli;
using SshKeep.Demo;
using SshKeep.Tests.Integration;
using SshKeep.Tests.Integration.Infrastructure;

namespace SshKeep.Tests.Cli;

/// <summary>
/// What the real executable prints for help, version and usage, and which first words it refuses,
/// called as <c>sshkeep</c> and as <c>autossh</c> (docs/compatibility.md, "Called as sshkeep").
/// Run as a program: the name it was called by is read from argv[0].
/// </summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sshkeep-cli-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    public static TheoryData<string> Commands => [.. CommandWordCheck.Commands];

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Help_with_a_command_prints_that_commands_help(string command)
    {
        var viaHelp = await SshkeepAsync(["help", command]);
        var viaOption = await SshkeepAsync([command, "--help"]);

        Assert.Equal(0, viaHelp.ExitCode);
        Assert.Equal(viaOption.StandardOutput, viaHelp.StandardOutput);
        Assert.Contains($"sshkeep {command}", viaHelp.StandardOutput, StringComparison.Ordinal);
        Assert.Equal("", viaHelp.StandardError);
    }

    [Fact]
    public async Task Help_with_an_unknown_command_names_the_commands_and_exits_64()
    {
        var result = await SshkeepAsync(["help", "nosuch"]);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.StartsWith("sshkeep: help nosuch: no such command; the commands are up, status", result.StandardError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-V")]
    [InlineData("--version")]
    [InlineData("version")]
    [InlineData("-M", "0", "host", "-V")]
    public async Task Called_as_sshkeep_every_way_of_asking_prints_the_one_version_line(params string[] arguments)
    {
        var result = await SshkeepAsync(arguments);

        Assert.Equal(0, result.ExitCode);
        GoldenFile.AssertMatches(Golden("version.txt"), result.StandardOutput);
    }

    [Fact]
    public async Task Called_as_autossh_dash_V_prints_autosshs_own_line()
    {
        var result = await AutosshAsync(["-V"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("autossh 1.4g\n", result.StandardOutput);
    }

    [Fact]
    public async Task Sshkeep_without_arguments_prints_autosshs_usage_and_sshkeeps_commands()
    {
        var result = await SshkeepAsync([]);

        Assert.Equal(1, result.ExitCode);
        GoldenFile.AssertMatches(Golden("sshkeep-usage.txt"), result.StandardError);
    }

    [Fact]
    public async Task Autossh_without_arguments_prints_autosshs_usage_only()
    {
        var result = await AutosshAsync([]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(File.ReadAllText(CompatUsageGolden()), result.StandardError);
    }

    [Fact]
    public async Task Sshkeep_dash_dash_help_lists_every_command()
    {
        var result = await SshkeepAsync(["--help"]);

        Assert.Equal(0, result.ExitCode);
        GoldenFile.AssertMatches(Golden("sshkeep-help.txt"), result.StandardOutput);
    }

    [Fact]
    public async Task Help_config_lists_every_key_of_the_tunnels_file_with_its_summary()
    {
        var result = await SshkeepAsync(["help", "config"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.StandardError);
        GoldenFile.AssertMatches(Golden("help-config.txt"), result.StandardOutput);
    }

    [Theory]
    [InlineData("help-config-probe-interval.txt", "probe_interval")]
    [InlineData("help-config-probe-interval.txt", "tunnels.db.health.probe_interval")]
    [InlineData("help-config-probe-interval.txt", "defaults.health.probe_interval")]
    [InlineData("help-config-port.txt", "port")] // a tunnel's port and a forward's
    public async Task Help_config_with_a_key_prints_its_entry_and_where_the_man_page_explains_it(string golden, string key)
    {
        var result = await SshkeepAsync(["help", "config", key]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.StandardError);
        GoldenFile.AssertMatches(Golden(golden), result.StandardOutput);
    }

    [Theory]
    [InlineData("probe_intervl", "sshkeep: help config \"probe_intervl\": no such key of the tunnels file (did you mean tunnels.NAME.health.probe_interval?); `sshkeep help config` lists them\n")]
    [InlineData("colour", "sshkeep: help config \"colour\": no such key of the tunnels file; `sshkeep help config` lists them\n")]
    public async Task Help_config_with_an_unknown_key_names_it_in_one_line_and_exits_64(string key, string expected)
    {
        var result = await SshkeepAsync(["help", "config", key]);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Equal("", result.StandardOutput);
        Assert.Equal(expected, result.StandardError);
    }

    [Fact]
    public async Task Help_with_a_command_and_a_second_word_is_a_usage_error()
    {
        var result = await SshkeepAsync(["help", "up", "config"]);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Equal("sshkeep: help up config: only help config takes a second word\n", result.StandardError);
    }

    [Theory]
    [InlineData("stauts", "status")]
    [InlineData("install_service", "install-service")]
    [InlineData("start", "up")]
    public async Task A_mistyped_command_is_refused_in_one_line_and_runs_no_ssh(string word, string suggestion)
    {
        var result = await SshkeepAsync([word], SshThatLeavesAMark());

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Equal(EntryPoint.UnknownCommandLine(word, suggestion) + "\n", result.StandardError);
        Assert.False(File.Exists(Mark), "ssh was started");
    }

    [Fact]
    public async Task Called_as_autossh_the_same_word_is_a_host_as_in_autossh()
    {
        var result = await AutosshAsync(["stauts"], SshThatLeavesAMark());

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("stauts\n", File.ReadAllText(Mark));
    }

    [Fact]
    public async Task Dash_dash_makes_any_word_a_host()
    {
        var result = await SshkeepAsync(["--", "stauts"], SshThatLeavesAMark());

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("stauts\n", File.ReadAllText(Mark));
    }

    [Fact]
    public async Task SSHKEEP_CONFIG_names_the_tunnels_file_when_dash_c_does_not()
    {
        var fromEnvironment = Path.Combine(_directory, "from-env.yaml");
        var given = Path.Combine(_directory, "given.yaml");
        var environment = new Dictionary<string, string?> { ["SSHKEEP_CONFIG"] = fromEnvironment };

        var withoutC = await SshkeepAsync(["check"], environment);
        var withC = await SshkeepAsync(["check", "-c", given], environment);

        Assert.StartsWith($"{fromEnvironment}: cannot read", withoutC.StandardError, StringComparison.Ordinal);
        Assert.StartsWith($"{given}: cannot read", withC.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Install_service_writes_SSHKEEP_CONFIG_into_the_unit_since_systemd_will_not_have_it()
    {
        var fromEnvironment = Path.Combine(_directory, "from-env.yaml");

        var result = await SshkeepAsync(["install-service", "--user"], new Dictionary<string, string?> { ["SSHKEEP_CONFIG"] = fromEnvironment });

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($" up -c {fromEnvironment}\n", result.StandardOutput, StringComparison.Ordinal);
    }

    private string Mark => Path.Combine(_directory, "ssh-ran");

    /// <summary>An "ssh" that writes its arguments to <see cref="Mark"/> and exits 0, and the
    /// autossh settings that end the keeper then (no gate, one start).</summary>
    private Dictionary<string, string?> SshThatLeavesAMark()
    {
        var ssh = Path.Combine(_directory, "ssh");
        File.WriteAllText(ssh, $"#!/bin/sh\necho \"$@\" > '{Mark}'\n");
        File.SetUnixFileMode(ssh, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return new() { ["AUTOSSH_PATH"] = ssh, ["AUTOSSH_GATETIME"] = "0", ["AUTOSSH_MAXSTART"] = "1", ["AUTOSSH_PORT"] = "0" };
    }

    private static Task<ProcessResult> SshkeepAsync(string[] arguments, IReadOnlyDictionary<string, string?>? environment = null) =>
        Run.ProgramAsync(SshkeepUnderTest.BinaryPath, arguments, environment: Quiet(environment));

    private Task<ProcessResult> AutosshAsync(string[] arguments, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var link = Path.Combine(_directory, "autossh");
        if (!File.Exists(link)) File.CreateSymbolicLink(link, SshkeepUnderTest.BinaryPath);
        return Run.ProgramAsync(link, arguments, environment: Quiet(environment));
    }

    /// <summary>No SSHKEEP_CONFIG or AUTOSSH_* from the test runner, unless the test sets them.</summary>
    private static Dictionary<string, string?> Quiet(IReadOnlyDictionary<string, string?>? environment)
    {
        var quiet = new Dictionary<string, string?> { ["SSHKEEP_CONFIG"] = null, ["AUTOSSH_LOGFILE"] = null, ["AUTOSSH_DEBUG"] = null };
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>()) quiet[name] = value;
        return quiet;
    }

    /// <summary>autossh's usage as compatibility mode prints it for "autossh" (Compat/Golden).</summary>
    private static string CompatUsageGolden([CallerFilePath] string thisFile = "") =>
        Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "Compat", "Golden", "usage.txt");

    private static string Golden(string name, [CallerFilePath] string thisFile = "") =>
        Path.Combine(Path.GetDirectoryName(thisFile)!, "Golden", name);
}
