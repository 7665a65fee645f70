using SshKeep.Logging;

namespace SshKeep.Cli;

/// <summary>Pure, locked by golden files; Units/sshkeep.service.in says why each of its lines is there.</summary>
internal sealed partial record InstallServiceUnit
{
    /// <summary>A unit for the user's manager (no User=, no mount-namespace sandboxing).</summary>
    public required bool UserUnit { get; init; }

    public required IReadOnlyList<string> SshkeepCommand { get; init; }

    public required string ConfigPath { get; init; }

    public string UnitName { get; init; } = DefaultName;

    /// <summary>A system unit's run directory (--run-dir, made by systemd for User=); null for a user unit.</summary>
    public string? RunDirectory { get; init; }

    /// <summary>User= of a system unit.</summary>
    public string? RunAs { get; init; }

    public TimeSpan StopGrace { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Its header says how to override it; without <see cref="WrittenBy"/>, uninstall-service leaves it.</summary>
    public bool Packaged { get; init; }

    public TimeSpan Watchdog { get; init; } = TimeSpan.FromSeconds(30);

    public string Systemctl => UserUnit ? "systemctl --user" : "systemctl";

    public const string DefaultName = "sshkeep.service";

    /// <summary>One unit per tunnels file, named by its <see cref="SshKeep.Daemon.InstanceKey"/> as its run directory is.</summary>
    public static string NameFor(string? instanceKey) => instanceKey is null ? DefaultName : $"sshkeep-{instanceKey}.service";

    public static string Stem(string unitName) => unitName.EndsWith(".service", StringComparison.Ordinal) ? unitName[..^".service".Length] : unitName;

    /// <summary>'\n' line ends; a template line tagged <c>@user</c>, <c>@system</c>… is kept when its tags all hold.</summary>
    public string Render()
    {
        string unit = Stem(UnitName);
        string[] execStart = RunDirectory is { } runDirectory
            ? [.. SshkeepCommand, "up", "-c", ConfigPath, "--run-dir", runDirectory]
            : [.. SshkeepCommand, "up", "-c", ConfigPath];
        var tags = new Dictionary<string, bool>(StringComparer.Ordinal)
        {
            ["user"] = UserUnit,
            ["system"] = !UserUnit,
            ["packaged"] = Packaged,
            ["written"] = !Packaged,
            ["run-dir"] = RunDirectory is not null,
        };
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["unit-name"] = UnitName,
            ["unit"] = unit,
            ["instance"] = IsTemplate(UnitName) ? unit + "NAME" : unit,
            ["config"] = ConfigPath,
            ["config-of-instance"] = ConfigPath.Replace(InstanceSpecifier, "NAME", StringComparison.Ordinal),
            ["written-by"] = WrittenBy,
            ["user-flag"] = UserUnit ? " --user" : "",
            ["systemctl"] = Systemctl,
            ["journalctl"] = UserUnit ? "journalctl --user" : "journalctl",
            ["description"] = Specifiers(Text(ConfigPath)),
            ["exec-start"] = Specifiers(string.Join(' ', execStart.Select(ExecWord))),
            ["run-as"] = RunAs ?? "root",
            ["watchdog-kill"] = new DaemonDuration(Watchdog * 1.5).ToString(),
            ["watchdog"] = Seconds(Watchdog),
            ["stop-grace"] = new DaemonDuration(StopGrace).ToString(),
            ["stop-timeout"] = Seconds(StopTimeout(StopGrace)),
            ["runtime-directory"] = Specifiers(Path.GetRelativePath("/run",
                RunDirectory ?? SshKeep.Daemon.RunDirectory.ServicePathFor("sshkeep"))),
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

        // A template's %i is left for systemd to expand, not escaped (the only '%' a packaged path has).
        string Specifiers(string value) =>
            Packaged && IsTemplate(UnitName) ? value.Replace("%" + InstanceSpecifier, InstanceSpecifier, StringComparison.Ordinal) : value;
    }

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

    public static bool IsTemplate(string unitName) => unitName.EndsWith("@.service", StringComparison.Ordinal);

    /// <summary>Starts the second comment line of every unit install-service writes: uninstall-service removes only those.</summary>
    public const string WrittenBy = "Written by `sshkeep install-service";

    /// <summary>TimeoutStopSec=: the stop grace (all ssh stop at once: one grace in all) plus 25 s of room, at least 30 s.</summary>
    public static TimeSpan StopTimeout(TimeSpan grace) =>
        TimeSpan.FromSeconds(Math.Max(30, Math.Ceiling((grace + TimeSpan.FromSeconds(25)).TotalSeconds)));

    private static string Seconds(TimeSpan span) =>
        Math.Ceiling(span.TotalSeconds).ToString(CultureInfo.InvariantCulture);

    /// <summary>One ExecStart= word, read back unchanged (systemd.service(5) "Command lines", systemd.unit(5) "Specifiers"):
    /// '%' and '$' doubled; C-quoted with space, quotes, '\', a control character, or empty or ';' (old separator).</summary>
    public static string ExecWord(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        bool quote = word.Length == 0 || word == ";";
        var builder = new StringBuilder(word.Length + 8);
        foreach (char c in word)
        {
            switch (c)
            {
                case '%': builder.Append("%%"); break;
                case '$': builder.Append("$$"); break;
                case '\\': builder.Append(@"\\"); quote = true; break;
                case '"': builder.Append("\\\""); quote = true; break;
                case '\'': builder.Append("\\'"); quote = true; break;
                case '\n': builder.Append(@"\n"); quote = true; break;
                case '\t': builder.Append(@"\t"); quote = true; break;
                case ' ': builder.Append(' '); quote = true; break;
                case < ' ' or '\u007f':
                    builder.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}");
                    quote = true;
                    break;
                default: builder.Append(c); break;
            }
        }
        return quote ? "\"" + builder + "\"" : builder.ToString();
    }

    /// <summary>A free-text value (Description=): specifiers escaped, kept on one line.</summary>
    public static string Text(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return OneLine.Of(value, OneLineStyle.Space).Replace("%", "%%", StringComparison.Ordinal);
    }
}
