using System.Runtime.CompilerServices;
using SshKeep.Cli;

namespace SshKeep.Tests.Cli;

/// <summary>
/// The units the package ships (packaging/systemd, docs/packaging.md) are exactly what the
/// install-service renderer makes of <see cref="PackagedUnits"/>: same hardening, no drift. After a
/// deliberate change of the unit text, SSHKEEP_UPDATE_GOLDEN=1 rewrites them.
/// </summary>
public sealed class PackagedUnitsTests
{
    private static string PackagingFile(string name, [CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "..", "..", "packaging", "systemd", name));

    [Theory]
    [InlineData("sshkeep.service")]
    [InlineData("sshkeep@.service")]
    public void The_shipped_unit_is_what_the_renderer_makes(string name)
    {
        var (_, text) = Assert.Single(PackagedUnits.All, u => u.Name == name);

        GoldenFile.AssertMatches(PackagingFile(name), text);
    }

    [Theory]
    [InlineData("ExecStart=/usr/bin/sshkeep up -c /etc/sshkeep/%i.yaml --run-dir /run/sshkeep-service/%i")]
    [InlineData("RuntimeDirectory=sshkeep-service/%i")]
    [InlineData("Description=sshkeep: SSH tunnels from /etc/sshkeep/%i.yaml")]
    [InlineData("User=root")]
    [InlineData("ProtectSystem=strict")]
    [InlineData("WantedBy=multi-user.target")]
    public void The_template_names_its_instance_with_the_specifier(string line)
    {
        Assert.Contains(line, PackagedUnits.Template.Render().Split('\n'));
    }

    [Fact]
    public void The_default_unit_runs_the_file_and_run_directory_install_service_would_use()
    {
        var host = InstallServiceUnitTests.Alice with { UserName = "root", Home = "/root", SshkeepCommand = [PackagedUnits.Binary] };
        var written = InstallServicePlan.Make(new InstallServiceOptions { Account = "root" }, host).Unit!;

        Assert.Equal(
            (written.ConfigPath, written.UnitName, written.RunDirectory, written.RunAs, written.UserUnit),
            (PackagedUnits.Default.ConfigPath, PackagedUnits.Default.UnitName, PackagedUnits.Default.RunDirectory, PackagedUnits.Default.RunAs, PackagedUnits.Default.UserUnit));
    }

    [Fact]
    public void The_default_unit_has_install_services_settings_and_differs_only_in_comments_and_documentation()
    {
        var host = InstallServiceUnitTests.Alice with { UserName = "root", Home = "/root", SshkeepCommand = [PackagedUnits.Binary] };
        string written = InstallServicePlan.Make(new InstallServiceOptions { Account = "root" }, host).Unit!.Render();
        string packaged = PackagedUnits.Default.Render();

        static string[] Settings(string unit) => [.. unit.Split('\n').Where(l => l.Length > 0 && l[0] != '#' && !l.StartsWith("Documentation=", StringComparison.Ordinal))];
        Assert.Equal(Settings(written), Settings(packaged));
        Assert.DoesNotContain(InstallServiceUnit.WrittenBy, packaged, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/etc/sshkeep/office.yaml", "office")]
    [InlineData("/etc/sshkeep/edge-1.yaml", "edge-1")]
    [InlineData("/etc/sshkeep/a.b_c.yaml", "a.b_c")]
    [InlineData("/etc/sshkeep/tunnels.yaml", "tunnels")]
    [InlineData("/etc/sshkeep/office.yml", null)]
    [InlineData("/etc/sshkeep/sub/office.yaml", null)]
    [InlineData("/home/alice/office.yaml", null)]
    [InlineData("/etc/sshkeep/my office.yaml", null)]
    [InlineData("/etc/sshkeep/.hidden.yaml", null)]
    [InlineData("/etc/sshkeep/.yaml", null)]
    public void The_template_instance_of_a_config_path(string path, string? expected)
    {
        Assert.Equal(expected, PackagedUnits.InstanceOf(path));
    }
}
