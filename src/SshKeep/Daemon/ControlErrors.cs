namespace SshKeep.Daemon;

/// <summary>The <c>error</c> values of a failed answer (docs/daemon.md "Control protocol").</summary>
internal static class ControlErrors
{
    public const string BadRequest = "bad-request";
    public const string UnknownCommand = "unknown-command";
    public const string TooLarge = "too-large";
    public const string Timeout = "timeout";
    public const string Forbidden = "forbidden";
    public const string Busy = "busy";
    public const string Internal = "internal";
    public const string UnknownTunnel = "unknown-tunnel";
    public const string Failed = "failed";
}
