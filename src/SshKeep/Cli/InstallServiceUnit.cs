using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using SshKeep.Logging;

namespace SshKeep.Cli;

/// <summary>
/// The systemd unit install-service prints or writes and the package ships (pure; golden files lock it). The text
/// is Units/sshkeep.service.in, where every line carries a comment saying why it is there: whoever edits the unit
/// later needs to know what a sandboxing line costs ssh.
/// </summary>
internal static partial class InstallServiceUnit
{
    /// <summary>The unit file's name for the default tunnels file.</summary>
    public const string DefaultName = "sshkeep.service";

    /// <summary>One unit per tunnels file: <c>sshkeep.service</c> for the default file (null key), else
    /// <c>sshkeep-KEY.service</c> with the file's <see cref="SshKeep.Daemon.InstanceKey"/>, as its run directory.</summary>
    public static string NameFor(string? instanceKey) => instanceKey is null ? DefaultName : $"sshkeep-{instanceKey}.service";

    /// <summary>The name systemctl is given: the file name without <c>.service</c>.</summary>
    public static string Stem(string unitName) => unitName.EndsWith(".service", StringComparison.Ordinal) ? unitName[..^".service".Length] : unitName;

    /// <summary>The unit text, '\n' line ends: Units/sshkeep.service.in with its placeholders filled and only the
    /// lines whose tags (<c>@user</c>, <c>@system</c>, <c>@packaged</c>, <c>@written</c>, <c>@run-dir</c>) all hold.</summary>
    public static string Render(InstallServiceSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        bool user = spec.UserUnit;
        string systemctl = user ? "systemctl --user" : "systemctl";
        string unit = Stem(spec.UnitName);
        string[] execStart = spec.RunDirectory is { } runDirectory
            ? [.. spec.SshkeepCommand, "up", "-c", spec.ConfigPath, "--run-dir", runDirectory]
            : [.. spec.SshkeepCommand, "up", "-c", spec.ConfigPath];
        var tags = new Dictionary<string, bool>(StringComparer.Ordinal)
        {
            ["user"] = user,
            ["system"] = !user,
            ["packaged"] = spec.Packaged,
            ["written"] = !spec.Packaged,
            ["run-dir"] = spec.RunDirectory is not null,
        };
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["unit-name"] = spec.UnitName,
            ["unit"] = unit,
            ["instance"] = IsTemplate(spec.UnitName) ? unit + "NAME" : unit,
            ["config"] = spec.ConfigPath,
            ["config-of-instance"] = spec.ConfigPath.Replace(InstanceSpecifier, "NAME", StringComparison.Ordinal),
            ["written-by"] = WrittenBy,
            ["user-flag"] = user ? " --user" : "",
            ["systemctl"] = systemctl,
            ["journalctl"] = user ? "journalctl --user" : "journalctl",
            ["description"] = Specifiers(InstallServiceQuoting.Text(spec.ConfigPath)),
            ["exec-start"] = Specifiers(InstallServiceQuoting.ExecLine(execStart)),
            ["run-as"] = spec.RunAs ?? "root",
            ["watchdog-kill"] = Duration(spec.Watchdog * 1.5),
            ["watchdog"] = Seconds(spec.Watchdog),
            ["stop-grace"] = Duration(spec.StopGrace),
            ["stop-timeout"] = Seconds(StopTimeout(spec.StopGrace)),
            ["runtime-directory"] = Specifiers(Path.GetRelativePath("/run",
                spec.RunDirectory ?? SshKeep.Daemon.RunDirectory.ServicePathFor("sshkeep"))),
        };
        var text = new StringBuilder(8192);
        foreach (string line in Template.Value)
        {
            string kept = line;
            if (line.StartsWith('@'))
            {
                int space = line.IndexOf(' ', StringComparison.Ordinal);
                if (!line[1..space].Split(',').All(tag => tags[tag])) continue;
                kept = line[(space + 1)..];
            }
            text.Append(Placeholder().Replace(kept, m => values[m.Groups[1].Value])).Append('\n');
        }
        return text.ToString();

        // A template's config path and run directory name its instance with %i: left for systemd
        // to expand instead of escaped as a literal '%' (the only '%' a packaged path has).
        string Specifiers(string value) =>
            spec.Packaged && IsTemplate(spec.UnitName) ? value.Replace("%" + InstanceSpecifier, InstanceSpecifier, StringComparison.Ordinal) : value;
    }

    /// <summary>The embedded Units/sshkeep.service.in, one entry a line.</summary>
    private static readonly Lazy<string[]> Template = new(() =>
    {
        using var stream = typeof(InstallServiceUnit).Assembly.GetManifestResourceStream("SshKeep.Cli.sshkeep.service.in")
            ?? throw new InvalidOperationException("the unit template sshkeep.service.in is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().TrimEnd('\n').Split('\n');
    });

    [GeneratedRegex(@"\{([a-z-]+)\}")]
    private static partial Regex Placeholder();

    /// <summary>systemd's specifier for a template's instance name (systemd.unit(5), "Specifiers").</summary>
    public const string InstanceSpecifier = "%i";

    /// <summary>A template unit (<c>NAME@.service</c>), started as <c>NAME@INSTANCE</c>.</summary>
    public static bool IsTemplate(string unitName) => unitName.EndsWith("@.service", StringComparison.Ordinal);

    /// <summary>The start of the second comment line of every unit install-service writes:
    /// uninstall-service removes only files that have it.</summary>
    public const string WrittenBy = "Written by `sshkeep install-service";

    /// <summary>TimeoutStopSec=: the stop grace (every ssh is stopped at once, so one grace in all)
    /// plus 25 s of room, at least 30 s.</summary>
    public static TimeSpan StopTimeout(TimeSpan grace) =>
        TimeSpan.FromSeconds(Math.Max(30, Math.Ceiling((grace + TimeSpan.FromSeconds(25)).TotalSeconds)));

    private static string Seconds(TimeSpan span) =>
        Math.Ceiling(span.TotalSeconds).ToString(CultureInfo.InvariantCulture);

    private static string Duration(TimeSpan span) => new DaemonDuration(span).ToString();
}
