using System.Globalization;
using System.Text;
using SshKeep.Demo;

namespace SshKeep.Bench;

/// <summary>
/// One keeper under test holding one forward to a <see cref="ThrowawaySshd"/>. autossh and
/// sshkeep's compatibility mode get the same command line and environment (the seed's recommended
/// set with a 2 s × 2 keepalive budget, AUTOSSH_GATETIME=0); the daemon gets a tunnels file with
/// the same server, key, known_hosts and keepalive, and its defaults for everything else.
/// </summary>
internal sealed class KeeperProcess : IAsyncDisposable
{
    /// <summary>ssh's keepalive, the same for every keeper: a dead server is noticed after 2 × 2 s of silence.</summary>
    public const int ServerAliveInterval = 2;

    public const int ServerAliveCountMax = 2;

    /// <summary>The name of the daemon's one tunnel.</summary>
    public const string TunnelName = "bench";

    private readonly BackgroundProcess _process;
    private readonly string _logPath;

    private KeeperProcess(KeeperKind kind, BackgroundProcess process, string logPath)
    {
        Kind = kind;
        _process = process;
        _logPath = logPath;
    }

    public KeeperKind Kind { get; }

    /// <summary>The process whose children are the ssh sessions (autossh, sshkeep, or sshkeep up).</summary>
    public int Pid => _process.Pid;

    public string Command => _process.Command;

    public Task<int> Exited => _process.Exited;

    /// <param name="program">The autossh or sshkeep executable.</param>
    /// <param name="forward">"-L" or "-R".</param>
    /// <param name="spec">The forward, "127.0.0.1:LISTEN:127.0.0.1:TARGET".</param>
    /// <param name="work">A private folder for the keeper's log and files.</param>
    /// <param name="connectTimeout">ssh's ConnectTimeout in seconds for every keeper; null leaves each its default.</param>
    public static KeeperProcess Start(
        KeeperKind kind, string program, ThrowawaySshd sshd, string forward, string spec, string work, int? connectTimeout = null)
    {
        if (kind == KeeperKind.Daemon)
        {
            var server = $"    destination: {sshd.Destination}\n{sshd.TunnelKeysYaml("    ")}";
            return StartDaemon(program, DaemonConfig(server, forward, spec, connectTimeout), work);
        }

        string[] arguments =
        [
            "-M", "0", "-N",
            "-o", $"ServerAliveInterval={ServerAliveInterval}", "-o", $"ServerAliveCountMax={ServerAliveCountMax}",
            .. connectTimeout is { } seconds ? ["-o", $"ConnectTimeout={seconds}"] : Array.Empty<string>(),
            "-o", "ExitOnForwardFailure=yes",
            .. sshd.ClientOptions,
            forward, spec,
            sshd.Destination,
        ];
        var logPath = Path.Combine(work, "keeper.log");
        return new KeeperProcess(kind, BackgroundProcess.Start(program, arguments, CompatEnvironment(logPath)), logPath);
    }

    /// <summary>`sshkeep up` with <paramref name="config"/> as its tunnels file (<see cref="ConfigPath"/> in <paramref name="work"/>).</summary>
    public static KeeperProcess StartDaemon(string sshkeepPath, string config, string work)
    {
        File.WriteAllText(ConfigPath(work), config);
        // The daemon logs to stderr; systemd's variables are cleared so a run under a unit
        // cannot make it talk to the real service manager.
        var daemon = BackgroundProcess.Start(sshkeepPath, ["up", "-c", ConfigPath(work), "--run-dir", RunDirectory(work)],
            new Dictionary<string, string?> { ["NOTIFY_SOCKET"] = null, ["WATCHDOG_USEC"] = null, ["WATCHDOG_PID"] = null, ["JOURNAL_STREAM"] = null });
        return new KeeperProcess(KeeperKind.Daemon, daemon, Path.Combine(work, "keeper.log"));
    }

    /// <summary>The daemon's tunnels file in a keeper's folder.</summary>
    public static string ConfigPath(string work) => Path.Combine(work, "tunnels.yaml");

    /// <summary>The daemon's run directory in a keeper's folder (for `sshkeep status --run-dir`).</summary>
    public static string RunDirectory(string work) => Path.Combine(work, "run");

    /// <summary>
    /// One tunnel named <see cref="TunnelName"/>, defaults except the keepalive (docs/config.md).
    /// <paramref name="server"/> are the tunnel's keys that say where and how to log in, each line
    /// indented by four spaces: the destination, and what the other keepers get from
    /// <see cref="ThrowawaySshd.ClientOptions"/>; BatchMode=yes is the daemon's own.
    /// </summary>
    public static string DaemonConfig(string server, string forward, string spec, int? connectTimeout)
    {
        var yaml = new StringBuilder();
        yaml.AppendLine("tunnels:");
        yaml.AppendLine(CultureInfo.InvariantCulture, $"  {TunnelName}:");
        yaml.Append(server);
        var timeout = connectTimeout is { } seconds ? $", connect_timeout: {seconds}" : "";
        yaml.AppendLine(CultureInfo.InvariantCulture,
            $"    health: {{ server_alive_interval: {ServerAliveInterval}, server_alive_count_max: {ServerAliveCountMax}{timeout} }}");
        yaml.AppendLine(CultureInfo.InvariantCulture, $"    forwards: [ {{ {(forward == "-R" ? "remote" : "local")}: \"{spec}\" }} ]");
        return yaml.ToString();
    }

    /// <summary>What the keeper said: its log file (autossh, compat) or its stderr (daemon), then anything else it printed.</summary>
    public string Log()
    {
        var log = new StringBuilder();
        if (File.Exists(_logPath))
        {
            using var stream = new FileStream(_logPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            log.Append(new StreamReader(stream).ReadToEnd());
        }
        log.Append(_process.StandardError);
        if (_process.StandardOutput.Length > 0) log.Append("stdout:\n").Append(_process.StandardOutput);
        return log.ToString();
    }

    /// <summary>SIGTERM, 10 s to end its ssh and exit, then SIGKILL.</summary>
    public Task<int> StopAsync() => _process.StopAsync(TimeSpan.FromSeconds(10));

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    /// <summary>
    /// The seed's settings (GATETIME=0: a first failure must not make it give up) and a log file;
    /// every other AUTOSSH_* variable of the caller is removed so it cannot change what is measured.
    /// </summary>
    private static Dictionary<string, string?> CompatEnvironment(string logPath) => DemoCommand.KeeperEnvironment(logPath, clearSshPath: true);
}
