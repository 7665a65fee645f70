namespace SshKeep.Config;

/// <summary>The tunnels file's <c>http:</c> section: the daemon serves /metrics, /healthz and the web page.</summary>
internal sealed record HttpSettings
{
    public HttpListen Listen { get; init; } = HttpListen.Default;
}
