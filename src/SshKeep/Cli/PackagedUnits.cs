using SshKeep.Daemon;

namespace SshKeep.Cli;

/// <summary>
/// The systemd units the Debian package ships in /usr/lib/systemd/system (docs/packaging.md):
/// <c>sshkeep.service</c> for /etc/sshkeep/tunnels.yaml, and the template <c>sshkeep@.service</c>
/// whose instance NAME runs /etc/sshkeep/NAME.yaml. Rendered by the same code as install-service's
/// units, so their hardening cannot drift; packaging/systemd holds the rendered files, locked
/// against this class by a golden-file test.
/// </summary>
internal static class PackagedUnits
{
    /// <summary>Where the package installs the program.</summary>
    public const string Binary = "/usr/bin/sshkeep";

    /// <summary>Where the packaged units look for tunnels files.</summary>
    public const string ConfigDirectory = "/etc/sshkeep";

    /// <summary>The template unit's file name.</summary>
    public const string TemplateName = "sshkeep@.service";

    /// <summary>The unit for /etc/sshkeep/tunnels.yaml: what <c>sudo sshkeep install-service</c>
    /// writes for that file (same name, same run directory, so <c>sshkeep status</c> finds it),
    /// running /usr/bin/sshkeep as root.</summary>
    public static InstallServiceSpec Default { get; } = new()
    {
        UserUnit = false,
        Packaged = true,
        SshkeepCommand = [Binary],
        ConfigPath = InstallServicePlan.SystemConfigPath,
        RunAs = "root",
        UnitName = InstallServiceUnit.DefaultName,
        RunDirectory = RunDirectory.ServicePathFor(InstanceKey.For(InstallServicePlan.SystemConfigPath)),
    };

    /// <summary>The template: instance NAME runs /etc/sshkeep/NAME.yaml with the run directory
    /// /run/sshkeep-service/NAME (<see cref="InstanceOf"/> lets the CLI find it).</summary>
    public static InstallServiceSpec Template { get; } = Default with
    {
        ConfigPath = $"{ConfigDirectory}/{InstallServiceUnit.InstanceSpecifier}.yaml",
        UnitName = TemplateName,
        RunDirectory = RunDirectory.ServicePathFor(InstallServiceUnit.InstanceSpecifier),
    };

    /// <summary>Both units: file name and text.</summary>
    public static IReadOnlyList<(string Name, string Text)> All =>
    [
        (Default.UnitName, InstallServiceUnit.Render(Default)),
        (Template.UnitName, InstallServiceUnit.Render(Template)),
    ];

    /// <summary>
    /// The template instance that runs <paramref name="canonicalConfigPath"/>: NAME for
    /// /etc/sshkeep/NAME.yaml when NAME is a plain instance name (letters, digits, '_', '-', '.'),
    /// whose systemd escaping is itself; otherwise null.
    /// </summary>
    public static string? InstanceOf(string canonicalConfigPath)
    {
        ArgumentNullException.ThrowIfNull(canonicalConfigPath);
        if (Path.GetDirectoryName(canonicalConfigPath) != ConfigDirectory || Path.GetExtension(canonicalConfigPath) != ".yaml") return null;
        string name = Path.GetFileNameWithoutExtension(canonicalConfigPath);
        if (name.Length == 0 || name[0] == '.') return null;
        foreach (char c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('_' or '-' or '.')) return null;
        }
        return name;
    }
}
