using SshKeep.Config;
using SshKeep.Logging;

namespace SshKeep.Daemon;

/// <summary>What `sshkeep up` was asked for on its command line.</summary>
internal sealed record DaemonOptions
{
    /// <summary>The tunnels file (absolute or relative to the working directory).</summary>
    public required string ConfigPath { get; init; }

    /// <summary>--run-dir, or null for the default run directory.</summary>
    public string? RunDirectory { get; init; }

    public DaemonLogFormat LogFormat { get; init; } = DaemonLogFormat.Text;

    public LogLevel LogLevel { get; init; } = LogLevel.Information;

    /// <summary>--http: serve metrics, health and the web page here; wins over the
    /// config file's <c>http.listen</c>. Null: as the file says (no listener without <c>http:</c>).</summary>
    public HttpListen? Http { get; init; }

    /// <summary><c>--allow-unsafe-config-permissions</c>: run (and reload) a tunnels file that
    /// someone else could change (<see cref="ConfigFilePermissions"/>), with a warning.</summary>
    public bool AllowUnsafeConfigPermissions { get; init; }

    /// <summary>The process's environment, read once at the command's entry (docs/conventions.md):
    /// XDG_RUNTIME_DIR, NOTIFY_SOCKET, WATCHDOG_USEC/WATCHDOG_PID and JOURNAL_STREAM come from here.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>How long each ssh gets after SIGTERM before SIGKILL.</summary>
    public TimeSpan StopGrace { get; init; } = TimeSpan.FromSeconds(5);
}
