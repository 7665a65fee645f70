using SshKeep.Config;
using SshKeep.Tests.Integration;
using SshKeep.Tests.Integration.Infrastructure;

namespace SshKeep.Tests.Security;

/// <summary>
/// Secure default: a tunnels file that someone other than us or root could change (its author runs
/// commands as the daemon's user) is refused by `sshkeep up` and `reload` unless the daemon was
/// started with --allow-unsafe-config-permissions, and warned about by `sshkeep check` (the shipped binary).
/// </summary>
public sealed class TunnelsFileOthersCanChangeTests
{
    private const UnixFileMode WritableByAll = (UnixFileMode)0x1B6; // 0666

    [Fact]
    public async Task Up_refuses_a_tunnels_file_others_can_write_with_one_line_and_exit_78()
    {
        await using var daemon = DaemonUnderTest.Start(SshRunsWithAMinimalEnvironmentTests.OneTunnel("/bin/false"), environment: null,
            prepare: d => File.SetUnixFileMode(d.ConfigPath, WritableByAll));

        Assert.Equal(ExitCodes.Config, await daemon.Exited.Within("the daemon to refuse the file"));
        Assert.Equal($"sshkeep: cannot start: tunnels file \"{daemon.ConfigPath}\" is writable by others (mode 666): whoever can change it decides " +
            $"what this sshkeep runs (ProxyCommand, ssh_path, hooks); chmod go-w it; to run it anyway pass {ConfigFilePermissions.AllowFlag}\n", daemon.StandardError);
        Assert.False(Directory.Exists(daemon.RunDirectory));
    }

    [RootFact]
    public async Task Up_as_root_refuses_a_tunnels_file_owned_by_another_user()
    {
        await using var daemon = DaemonUnderTest.Start(SshRunsWithAMinimalEnvironmentTests.OneTunnel("/bin/false"), environment: null,
            prepare: d => Run.SuccessfullyAsync("chown", ["65534:65534", d.ConfigPath]).GetAwaiter().GetResult());

        Assert.Equal(ExitCodes.Config, await daemon.Exited.Within("the daemon to refuse the file"));
        Assert.Contains($"tunnels file \"{daemon.ConfigPath}\" belongs to uid 65534, neither us (uid 0) nor root", daemon.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_the_flag_up_runs_it_and_says_why_it_should_not()
    {
        await using var daemon = DaemonUnderTest.Start(SshRunsWithAMinimalEnvironmentTests.OneTunnel("/bin/false"), environment: null,
            prepare: d => File.SetUnixFileMode(d.ConfigPath, WritableByAll), upArguments: [ConfigFilePermissions.AllowFlag]);

        await daemon.AnsweringAsync();

        Assert.Contains($"sshkeep: warning: tunnels file \"{daemon.ConfigPath}\" is writable by others (mode 666)", daemon.StandardError, StringComparison.Ordinal);
        Assert.Equal(0, (await daemon.CliAsync("reload")).ExitCode);
    }

    [Fact]
    public async Task Reload_refuses_a_file_that_became_writable_by_others_and_keeps_the_tunnels()
    {
        await using var daemon = DaemonUnderTest.Start(SshRunsWithAMinimalEnvironmentTests.OneTunnel("/bin/false"), environment: null);
        await daemon.AnsweringAsync();
        File.SetUnixFileMode(daemon.ConfigPath, WritableByAll);

        var reload = await daemon.CliAsync("reload");

        Assert.Equal(1, reload.ExitCode);
        Assert.Contains($"tunnels file \"{daemon.ConfigPath}\" is writable by others (mode 666)", reload.StandardError, StringComparison.Ordinal);
        Assert.Contains("still running the previous config", reload.StandardError, StringComparison.Ordinal);
        Assert.Single(await daemon.TunnelsAsync());
    }

    [Fact]
    public async Task Check_warns_about_a_file_others_can_write_and_still_exits_0()
    {
        using var temp = new Fakes.TempDirectory();
        var path = temp.File("tunnels.yaml");
        File.WriteAllText(path, SshRunsWithAMinimalEnvironmentTests.OneTunnel("/bin/false"));
        File.SetUnixFileMode(path, WritableByAll);

        var result = await Run.ProgramAsync(SshkeepUnderTest.BinaryPath, ["check", "-c", path], TimeSpan.FromSeconds(30));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"warning: tunnels file \"{path}\" is writable by others (mode 666)", result.StandardOutput, StringComparison.Ordinal);
    }
}
