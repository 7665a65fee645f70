namespace SshKeep.Config;

/// <summary>Every key the file accepts, per section, in the order docs/config.md lists them.</summary>
internal static class ConfigKeys
{
    public static readonly IReadOnlyList<string> Top = ["version", "ready_when", "ready_timeout", "defaults", "tunnels", "http"];

    public static readonly IReadOnlyList<string> Tunnel =
        ["destination", "port", "identity_file", "ssh_path", "ssh_options", "forwards", "health", "backoff", "hooks", "enabled"];

    /// <summary>A tunnel's keys except those that name one tunnel's own server and forwards.</summary>
    public static readonly IReadOnlyList<string> Defaults = [.. Tunnel.Except(["destination", "forwards"])];

    public static readonly IReadOnlyList<string> Health =
        ["server_alive_interval", "server_alive_count_max", "connect_timeout", "probe_interval", "probe_timeout", "probe_failures"];

    public static readonly IReadOnlyList<string> Backoff =
        ["initial", "max", "stable_period", "needs_attention_retry", "remote_port_retry"];

    public static readonly IReadOnlyList<string> Hooks = ["on_up", "on_down", "on_needs_attention", "timeout"];

    /// <summary>The one key of a hook written as a map: <c>{ shell: "…" }</c>.</summary>
    public static readonly IReadOnlyList<string> HookShell = ["shell"];

    /// <summary>Keys of a forward's short form: exactly one of them (and optionally `probe`).</summary>
    public static readonly IReadOnlyList<string> ForwardShort = ["local", "remote", "dynamic"];

    /// <summary>Keys of a forward's long form.</summary>
    public static readonly IReadOnlyList<string> ForwardLong = ["type", "bind", "port", "to", "probe"];

    /// <summary>Keys of a forward's `probe` map.</summary>
    public static readonly IReadOnlyList<string> Probe = ["send", "expect", "http"];

    /// <summary>Keys of the top-level <c>http:</c> section: where the daemon serves /metrics, /healthz and its web page (docs/observability.md).</summary>
    public static readonly IReadOnlyList<string> Http = ["listen"];

    public static readonly IReadOnlyList<string> ReadyWhen = ["all-up", "first-attempt"];

    public static readonly IReadOnlyList<string> ForwardTypes = ["local", "remote", "dynamic"];
}
