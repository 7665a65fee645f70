namespace SshKeep.Config;

/// <summary>The tunnels file's <c>http:</c> section: the daemon serves /metrics, /healthz
/// and the web page. Absent from the file, no listener is started.</summary>
internal sealed record HttpSettings
{
    /// <summary>Where to listen; <see cref="HttpListen.Default"/> (127.0.0.1:9180) unless set.</summary>
    public HttpListen Listen { get; init; } = HttpListen.Default;
}
