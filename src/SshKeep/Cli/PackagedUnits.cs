using SshKeep.Daemon;

namespace SshKeep.Cli;

/// <summary>The units the package ships (docs/packaging.md), rendered like install-service's so hardening cannot drift.</summary>
internal static class PackagedUnits
{
    public const string Binary = "/usr/bin/sshkeep";

    public const string ConfigDirectory = "/etc/sshkeep";

    public const string TemplateName = "sshkeep@.service";

    /// <summary>As <c>sudo sshkeep install-service</c> writes it (same name and run directory: <c>sshkeep status</c> finds it).</summary>
    public static InstallServiceUnit Default { get; } = new()
    {
        UserUnit = false,
        Packaged = true,
        SshkeepCommand = [Binary],
        ConfigPath = InstallServicePlan.SystemConfigPath,
        RunAs = "root",
        UnitName = InstallServiceUnit.DefaultName,
        RunDirectory = RunDirectory.ServicePathFor(InstanceKey.For(InstallServicePlan.SystemConfigPath)),
    };

    /// <summary>Instance NAME runs /etc/sshkeep/NAME.yaml in /run/sshkeep-service/NAME (<see cref="InstanceOf"/>).</summary>
    public static InstallServiceUnit Template { get; } = Default with
    {
        ConfigPath = $"{ConfigDirectory}/{InstallServiceUnit.InstanceSpecifier}.yaml",
        UnitName = TemplateName,
        RunDirectory = RunDirectory.ServicePathFor(InstallServiceUnit.InstanceSpecifier),
    };

    public static IReadOnlyList<(string Name, string Text)> All =>
        [(Default.UnitName, Default.Render()), (Template.UnitName, Template.Render())];

    /// <summary>NAME of /etc/sshkeep/NAME.yaml when it is a plain instance name (its own systemd escaping); else null.</summary>
    public static string? InstanceOf(string canonicalConfigPath)
    {
        ArgumentNullException.ThrowIfNull(canonicalConfigPath);
        if (Path.GetDirectoryName(canonicalConfigPath) != ConfigDirectory || Path.GetExtension(canonicalConfigPath) != ".yaml") return null;
        string name = Path.GetFileNameWithoutExtension(canonicalConfigPath);
        return name.Length > 0 && name[0] != '.' && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.') ? name : null;
    }
}
