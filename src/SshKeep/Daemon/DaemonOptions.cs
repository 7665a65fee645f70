using SshKeep.Config;
using SshKeep.Logging;

namespace SshKeep.Daemon;

/// <summary>What `sshkeep up` was asked for on its command line.</summary>
internal sealed record DaemonOptions
{
    public required string ConfigPath { get; init; }

    /// <summary>--run-dir; null for the default.</summary>
    public string? RunDirectory { get; init; }

    public DaemonLogFormat LogFormat { get; init; } = DaemonLogFormat.Text;

    public LogLevel LogLevel { get; init; } = LogLevel.Information;

    /// <summary>--http: wins over the config file's <c>http.listen</c>; null: as the file says.</summary>
    public HttpListen? Http { get; init; }

    public bool AllowUnsafeConfigPermissions { get; init; }

    /// <summary>Read once at the command's entry (docs/conventions.md 17).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    public TimeSpan StopGrace { get; init; } = TimeSpan.FromSeconds(5);
}
