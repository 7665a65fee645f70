using SshKeep.Cli;

namespace SshKeep.Tests.Cli;

/// <summary>What install-service decides from its options and the machine.</summary>
public sealed class InstallServicePlanTests
{
    private static readonly InstallServiceHost Alice = InstallServiceUnitTests.Alice;

    [Theory]
    // system unit: /etc/sshkeep/tunnels.yaml unless -c; user unit: $XDG_CONFIG_HOME or ~/.config
    [InlineData(false, null, null, "/etc/sshkeep/tunnels.yaml")]
    [InlineData(true, null, null, "/home/alice/.config/sshkeep/tunnels.yaml")]
    [InlineData(true, null, "/home/alice/xdg", "/home/alice/xdg/sshkeep/tunnels.yaml")]
    [InlineData(true, null, "relative/xdg", "/home/alice/.config/sshkeep/tunnels.yaml")]
    // -c is made absolute: the service does not start in the user's directory
    [InlineData(false, "tunnels.yaml", null, "/home/alice/work/tunnels.yaml")]
    [InlineData(true, "../t.yaml", null, "/home/alice/t.yaml")]
    [InlineData(true, "~/t.yaml", null, "/home/alice/t.yaml")]
    [InlineData(false, "/srv/t.yaml", null, "/srv/t.yaml")]
    public void Config_path_is_the_default_for_the_unit_kind_or_the_given_file_made_absolute(
        bool user, string? config, string? xdgConfigHome, string expected)
    {
        var plan = InstallServicePlan.Make(new InstallServiceOptions { User = user, ConfigPath = config }, Alice with { XdgConfigHome = xdgConfigHome });

        Assert.Null(plan.Error);
        Assert.Equal(expected, plan.Unit!.ConfigPath);
    }

    [Theory]
    [InlineData(false, null, "/etc/systemd/system/sshkeep.service")]
    [InlineData(true, null, "/home/alice/.config/systemd/user/sshkeep.service")]
    [InlineData(true, "/home/alice/xdg", "/home/alice/xdg/systemd/user/sshkeep.service")]
    public void Unit_goes_where_systemd_looks_for_it(bool user, string? xdgConfigHome, string expected)
    {
        Assert.Equal(expected, InstallServicePlan.Make(new InstallServiceOptions { User = user }, Alice with { XdgConfigHome = xdgConfigHome }).UnitPath);
    }

    [Theory]
    // the invoking user by default; under sudo that is SUDO_USER, not root
    [InlineData("alice", null, null, "alice")]
    [InlineData("root", "alice", null, "alice")]
    [InlineData("root", "root", null, "root")]
    [InlineData("root", "", null, "root")]
    [InlineData("root", null, null, "root")]
    // a dedicated account only when asked
    [InlineData("root", "alice", "sshkeep", "sshkeep")]
    public void System_unit_runs_ssh_as_the_invoking_user_unless_an_account_is_given(
        string userName, string? sudoUser, string? account, string expected)
    {
        var plan = InstallServicePlan.Make(new InstallServiceOptions { Account = account }, Alice with { UserName = userName, SudoUser = sudoUser });

        Assert.Equal(expected, plan.Unit!.RunAs);
        Assert.Equal(expected == "root", plan.Notes.Any(n => n.Contains("as root", StringComparison.Ordinal)));
    }

    [Fact]
    public void User_unit_has_no_account()
    {
        Assert.Null(InstallServicePlan.Make(new InstallServiceOptions { User = true }, Alice).Unit!.RunAs);
    }

    [Theory]
    [InlineData(true, "sshkeep", null, "--account applies to the system unit only")]
    [InlineData(false, "Bad Name", null, "not a user name")]
    [InlineData(false, "x;rm", null, "not a user name")]
    [InlineData(false, null, "", "-c needs a file name")]
    // the account must exist (getpwnam): a unit for a missing one would fail at every start
    [InlineData(false, "nosuchuser", null, "--account \"nosuchuser\": no such user on this machine; create it first (e.g. useradd --system --create-home nosuchuser)")]
    public void Options_that_do_not_go_together_are_a_usage_error(bool user, string? account, string? config, string error)
    {
        var plan = InstallServicePlan.Make(new InstallServiceOptions { User = user, Account = account, ConfigPath = config }, Alice);

        Assert.Null(plan.Unit);
        Assert.Contains(error, plan.Error, StringComparison.Ordinal);
    }

    [Theory]
    // the default file keeps the plain name; any other file gets its own unit and run directory
    [InlineData(false, null, "sshkeep.service")]
    [InlineData(false, "/etc/sshkeep/tunnels.yaml", "sshkeep.service")]
    [InlineData(false, "/etc/sshkeep/office.yaml", "sshkeep-office-")]
    [InlineData(false, "/srv/b/tunnels.yaml", "sshkeep-tunnels-")]
    [InlineData(true, null, "sshkeep.service")]
    [InlineData(true, "/home/alice/other.yaml", "sshkeep-other-")]
    public void Each_tunnels_file_gets_its_own_unit_name(bool user, string? config, string expectedStart)
    {
        var spec = InstallServicePlan.Make(new InstallServiceOptions { User = user, ConfigPath = config }, Alice).Unit!;

        Assert.StartsWith(expectedStart, spec.UnitName, StringComparison.Ordinal);
        Assert.EndsWith(".service", spec.UnitName, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_files_with_the_same_name_in_two_folders_get_two_units_and_two_run_directories()
    {
        var a = InstallServicePlan.Make(new InstallServiceOptions { ConfigPath = "/srv/a/tunnels.yaml" }, Alice).Unit!;
        var b = InstallServicePlan.Make(new InstallServiceOptions { ConfigPath = "/srv/b/tunnels.yaml" }, Alice).Unit!;

        Assert.NotEqual(a.UnitName, b.UnitName);
        Assert.NotEqual(a.RunDirectory, b.RunDirectory);
    }

    [Fact]
    public void The_system_units_run_directory_is_the_one_the_cli_looks_in_for_that_file()
    {
        var spec = InstallServicePlan.Make(new InstallServiceOptions { ConfigPath = "/srv/a/tunnels.yaml" }, Alice).Unit!;

        string key = SshKeep.Daemon.InstanceKey.For(SshKeep.Daemon.InstanceKey.Canonicalize("/srv/a/tunnels.yaml"));
        Assert.Equal(SshKeep.Daemon.RunDirectory.ServicePathFor(key), spec.RunDirectory);
        Assert.Equal($"sshkeep-{key}.service", spec.UnitName);
    }

    [Fact]
    public void A_user_unit_keeps_the_users_own_run_directory()
    {
        Assert.Null(InstallServicePlan.Make(new InstallServiceOptions { User = true }, Alice).Unit!.RunDirectory);
    }

    [Theory]
    [InlineData("root", true)]
    [InlineData("nosuchuser-sshkeep", false)]
    public void The_machines_account_check_asks_the_user_database(string account, bool exists)
    {
        Assert.Equal(exists, InstallServiceHost.Current().AccountExists(account));
    }
}
