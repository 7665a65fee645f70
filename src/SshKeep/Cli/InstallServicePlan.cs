using SshKeep.Daemon;

namespace SshKeep.Cli;

/// <summary>What install-service will do (pure), or a usage mistake (<see cref="Error"/>).</summary>
internal sealed partial record InstallServicePlan
{
    public const string SystemConfigPath = "/etc/sshkeep/tunnels.yaml";

    public InstallServiceUnit? Unit { get; init; }

    public string? UnitPath { get; init; }

    public IReadOnlyList<string> Notes { get; init; } = [];

    public string? Error { get; init; }

    public static InstallServicePlan Make(InstallServiceOptions options, InstallServiceHost host)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(host);
        var mistake = options switch
        {
            { User: true, Account: not null } => "--account applies to the system unit only: a --user unit runs as you",
            { Account: { } account } when !AccountName().IsMatch(account) => $"--account \"{account}\": not a user name",
            { ConfigPath: "" } => "-c needs a file name",
            _ => null,
        };
        if (mistake is not null) return new() { Error = mistake };

        string configHome = string.IsNullOrEmpty(host.XdgConfigHome) || !Path.IsPathRooted(host.XdgConfigHome)
            ? Path.Combine(host.Home, ".config") // XDG: a relative XDG_CONFIG_HOME is to be ignored
            : host.XdgConfigHome;
        string defaultConfig = options.User ? Path.Combine(configHome, "sshkeep", "tunnels.yaml") : SystemConfigPath;
        string config = options.ConfigPath is { } given ? Absolute(given, host) : defaultConfig;

        // sudo's caller, not root, is "the invoking user" of `sudo sshkeep install-service`.
        string invoking = host.SudoUser is { Length: > 0 } sudo && sudo != "root" ? sudo : host.UserName;
        string? runAs = options.User ? null : options.Account ?? invoking;
        if (options.Account is { } named && !host.AccountExists(named))
        {
            return new() { Error = $"--account \"{named}\": no such user on this machine; create it first (e.g. useradd --system --create-home {named})" };
        }
        string key = InstanceKey.For(InstanceKey.Canonicalize(config));
        string unitName = InstallServiceUnit.NameFor(config == defaultConfig ? null : key);
        return new()
        {
            Unit = new InstallServiceUnit
            {
                UserUnit = options.User,
                SshkeepCommand = host.SshkeepCommand,
                ConfigPath = config,
                RunAs = runAs,
                UnitName = unitName,
                RunDirectory = options.User ? null : RunDirectory.ServicePathFor(key),
            },
            UnitPath = options.User
                ? Path.Combine(configHome, "systemd", "user", unitName)
                : Path.Combine(host.SystemUnitDirectory, unitName),
            Notes = runAs == "root" ? ["the unit runs ssh as root; --account NAME runs it as a dedicated account instead"] : [],
        };
    }

    private static string Absolute(string path, InstallServiceHost host)
    {
        if (path == "~") return host.Home;
        if (path.StartsWith("~/", StringComparison.Ordinal)) path = Path.Combine(host.Home, path[2..]);
        return Path.GetFullPath(path, host.CurrentDirectory);
    }

    /// <summary>useradd's default rule (NAME_REGEX), which systemd's User= also accepts.</summary>
    [GeneratedRegex("^[a-z_][a-z0-9_-]{0,31}$")]
    private static partial Regex AccountName();
}
