using SshKeep.Cli;
using SshKeep.Tests.Fakes;

namespace SshKeep.Tests.Cli;

/// <summary>The verb: print, write, and the errors it reports.</summary>
public sealed class InstallServiceCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly StringWriter _out = new();
    private readonly StringWriter _err = new();

    public void Dispose() => _temp.Dispose();

    private InstallServiceHost Host => InstallServiceUnitTests.Alice with
    {
        Home = _temp.File("home"),
        SystemUnitDirectory = _temp.File("etc-systemd-system"),
    };

    [Fact]
    public void Without_write_stdout_gets_the_unit_alone_and_nothing_is_written()
    {
        int status = ServiceCommands.Install(new InstallServiceOptions(), Host, _out, _err);

        Assert.Equal(ExitCodes.Ok, status);
        Assert.Equal(InstallServicePlan.Make(new InstallServiceOptions(), Host).Unit!.Render(), _out.ToString());
        Assert.False(Directory.Exists(Host.SystemUnitDirectory));
    }

    [Fact]
    public void A_missing_config_file_is_pointed_out_on_stderr()
    {
        ServiceCommands.Install(new InstallServiceOptions { ConfigPath = _temp.File("nope.yaml") }, Host, _out, _err);

        Assert.Contains($"{_temp.File("nope.yaml")} does not exist yet", _err.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_existing_config_file_gets_no_note()
    {
        File.WriteAllText(_temp.File("t.yaml"), "tunnels: {}\n");

        ServiceCommands.Install(new InstallServiceOptions { ConfigPath = _temp.File("t.yaml") }, Host, _out, _err);

        Assert.Equal("", _err.ToString());
    }

    [Fact]
    public void Write_puts_the_system_unit_in_place_and_says_what_to_run_next()
    {
        int status = ServiceCommands.Install(new InstallServiceOptions { Write = true }, Host, _out, _err);

        string path = Path.Combine(Host.SystemUnitDirectory, "sshkeep.service");
        Assert.Equal(ExitCodes.Ok, status);
        Assert.Equal(InstallServicePlan.Make(new InstallServiceOptions(), Host).Unit!.Render(), File.ReadAllText(path));
        Assert.Equal(
            $"wrote {path}\nnext: systemctl daemon-reload && systemctl enable --now sshkeep\n",
            _out.ToString());
        Assert.Equal((UnixFileMode)0, File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite));
        Assert.Equal([path], Directory.GetFiles(Host.SystemUnitDirectory));
    }

    [Fact]
    public void Write_user_creates_the_user_unit_directory_and_mentions_linger()
    {
        int status = ServiceCommands.Install(new InstallServiceOptions { User = true, Write = true }, Host, _out, _err);

        string path = Path.Combine(Host.Home, ".config", "systemd", "user", "sshkeep.service");
        Assert.Equal(ExitCodes.Ok, status);
        Assert.True(File.Exists(path));
        Assert.Contains("systemctl --user daemon-reload && systemctl --user enable --now sshkeep", _out.ToString(), StringComparison.Ordinal);
        Assert.Contains("loginctl enable-linger alice", _out.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Writing_again_for_the_same_file_replaces_its_unit_and_a_second_file_gets_its_own()
    {
        ServiceCommands.Install(new InstallServiceOptions { Write = true, Account = "sshkeep" }, Host, _out, _err);
        ServiceCommands.Install(new InstallServiceOptions { Write = true }, Host, _out, _err);
        ServiceCommands.Install(new InstallServiceOptions { Write = true, ConfigPath = "/srv/b.yaml" }, Host, _out, _err);

        string text = File.ReadAllText(Path.Combine(Host.SystemUnitDirectory, "sshkeep.service"));
        Assert.Contains("User=alice", text, StringComparison.Ordinal);
        Assert.DoesNotContain("/srv/b.yaml", text, StringComparison.Ordinal);
        var other = Directory.GetFiles(Host.SystemUnitDirectory, "sshkeep-b-*.service");
        Assert.Contains("-c /srv/b.yaml", File.ReadAllText(Assert.Single(other)), StringComparison.Ordinal);
        Assert.Contains($"enable --now {Path.GetFileNameWithoutExtension(other[0])}\n", _out.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_account_that_does_not_exist_is_refused_in_one_line_and_nothing_is_written()
    {
        int status = ServiceCommands.Install(new InstallServiceOptions { Write = true, Account = "nosuchuser" }, Host, _out, _err);

        Assert.Equal(ExitCodes.Usage, status);
        Assert.Equal("sshkeep install-service: --account \"nosuchuser\": no such user on this machine; create it first (e.g. useradd --system --create-home nosuchuser)\n",
            _err.ToString());
        Assert.False(Directory.Exists(Host.SystemUnitDirectory));
    }

    [Fact]
    public void A_unit_directory_that_cannot_be_made_is_reported_with_its_exit_code()
    {
        File.WriteAllText(_temp.File("blocker"), "");
        var host = Host with { SystemUnitDirectory = Path.Combine(_temp.File("blocker"), "system") };

        int status = ServiceCommands.Install(new InstallServiceOptions { Write = true }, host, _out, _err);

        Assert.Equal(ExitCodes.CannotCreate, status);
        Assert.Contains($"cannot write {Path.Combine(host.SystemUnitDirectory, "sshkeep.service")}", _err.ToString(), StringComparison.Ordinal);
        Assert.Equal("", _out.ToString());
    }

    [Fact]
    public void A_usage_error_exits_64_and_prints_no_unit()
    {
        int status = ServiceCommands.Install(new InstallServiceOptions { User = true, Account = "sshkeep" }, Host, _out, _err);

        Assert.Equal(ExitCodes.Usage, status);
        Assert.Equal("", _out.ToString());
        Assert.StartsWith("sshkeep install-service: --account applies to the system unit only", _err.ToString(), StringComparison.Ordinal);
    }
}
