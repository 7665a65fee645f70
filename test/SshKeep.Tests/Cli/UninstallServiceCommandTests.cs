using SshKeep.Cli;
using SshKeep.Tests.Fakes;

namespace SshKeep.Tests.Cli;

/// <summary>uninstall-service: removes the unit install-service made for one tunnels file, and
/// nothing else, in a temporary unit directory with a recording stand-in for systemctl.</summary>
public sealed class UninstallServiceCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly StringWriter _out = new();
    private readonly StringWriter _err = new();
    private readonly List<string> _systemctl = [];

    public void Dispose() => _temp.Dispose();

    private InstallServiceHost Host => InstallServiceUnitTests.Alice with
    {
        Home = _temp.File("home"),
        SystemUnitDirectory = _temp.File("etc-systemd-system"),
        Systemctl = arguments =>
        {
            _systemctl.Add(string.Join(' ', arguments));
            return 0;
        },
    };

    private string Install(string? config)
    {
        var options = new InstallServiceOptions { Write = true, ConfigPath = config };
        Assert.Equal(ExitCodes.Ok, ServiceCommands.Install(options, Host, new StringWriter(), new StringWriter()));
        return InstallServicePlan.Make(options, Host).UnitPath!;
    }

    [Fact]
    public void Write_stops_disables_and_removes_only_the_unit_of_that_file()
    {
        string first = Install(null);
        string second = Install("/srv/office.yaml");

        int status = ServiceCommands.Uninstall(new InstallServiceOptions { Write = true, ConfigPath = "/srv/office.yaml" }, Host, _out, _err);

        string unit = Path.GetFileNameWithoutExtension(second);
        Assert.Equal(ExitCodes.Ok, status);
        Assert.False(File.Exists(second));
        Assert.True(File.Exists(first));
        Assert.Equal([$"disable --now {unit}", "daemon-reload"], _systemctl);
        Assert.Equal($"stopped and disabled {unit}; removed {second}\n", _out.ToString());
        Assert.Equal("", _err.ToString());
    }

    [Fact]
    public void Without_write_it_prints_what_it_would_do_and_changes_nothing()
    {
        string path = Install(null);

        int status = ServiceCommands.Uninstall(new InstallServiceOptions(), Host, _out, _err);

        Assert.Equal(ExitCodes.Ok, status);
        Assert.True(File.Exists(path));
        Assert.Empty(_systemctl);
        Assert.Equal($"would run: systemctl disable --now sshkeep\nwould remove: {path}\nwould run: systemctl daemon-reload\n(add --write to do it)\n",
            _out.ToString());
    }

    [Fact]
    public void A_user_unit_is_removed_through_the_users_manager()
    {
        var options = new InstallServiceOptions { Write = true, User = true };
        ServiceCommands.Install(options, Host, new StringWriter(), new StringWriter());
        string path = InstallServicePlan.Make(options, Host).UnitPath!;

        Assert.Equal(ExitCodes.Ok, ServiceCommands.Uninstall(options, Host, _out, _err));

        Assert.False(File.Exists(path));
        Assert.Equal(["--user disable --now sshkeep", "--user daemon-reload"], _systemctl);
    }

    [Fact]
    public void A_unit_not_written_by_install_service_is_left_alone()
    {
        Directory.CreateDirectory(Host.SystemUnitDirectory);
        string path = Path.Combine(Host.SystemUnitDirectory, "sshkeep.service");
        File.WriteAllText(path, "[Service]\nExecStart=/usr/local/bin/my-own-sshkeep\n");

        int status = ServiceCommands.Uninstall(new InstallServiceOptions { Write = true }, Host, _out, _err);

        Assert.Equal(ExitCodes.NoInput, status);
        Assert.True(File.Exists(path));
        Assert.Empty(_systemctl);
        Assert.Equal($"sshkeep uninstall-service: {path} was not written by sshkeep install-service; leaving it alone\n", _err.ToString());
    }

    [Fact]
    public void No_unit_for_the_file_is_one_line_and_exit_66()
    {
        Install(null);

        int status = ServiceCommands.Uninstall(new InstallServiceOptions { Write = true, ConfigPath = "/srv/never.yaml" }, Host, _out, _err);

        Assert.Equal(ExitCodes.NoInput, status);
        Assert.Single(_err.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("sshkeep uninstall-service: no unit at ", _err.ToString(), StringComparison.Ordinal);
        Assert.Empty(_systemctl);
    }

    [Fact]
    public void A_failing_systemctl_leaves_the_unit_in_place()
    {
        string path = Install(null);
        var host = Host with { Systemctl = _ => 5 };

        int status = ServiceCommands.Uninstall(new InstallServiceOptions { Write = true }, host, _out, _err);

        Assert.Equal(ExitCodes.Unavailable, status);
        Assert.True(File.Exists(path));
        Assert.Equal($"sshkeep uninstall-service: `systemctl disable --now sshkeep` failed (exit 5); {path} is left in place\n", _err.ToString());
    }
}
