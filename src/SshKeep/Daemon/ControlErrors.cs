namespace SshKeep.Daemon;

/// <summary>The machine-readable <c>error</c> values of a failed <see cref="ControlResponse"/>. The
/// server uses the first six; a handler uses <see cref="UnknownTunnel"/>, <see cref="Failed"/> or its own.</summary>
internal static class ControlErrors
{
    /// <summary>Not a request: bad JSON, unknown field, wrong arity, invalid tunnel name, not UTF-8, empty.</summary>
    public const string BadRequest = "bad-request";

    /// <summary>The command word is not one of status, restart, retry-now, reload, stop.</summary>
    public const string UnknownCommand = "unknown-command";

    /// <summary>The request line was longer than the server accepts.</summary>
    public const string TooLarge = "too-large";

    /// <summary>The request line did not arrive within the read timeout.</summary>
    public const string Timeout = "timeout";

    /// <summary>The peer is neither our uid nor root.</summary>
    public const string Forbidden = "forbidden";

    /// <summary>Too many connections at once; try again.</summary>
    public const string Busy = "busy";

    /// <summary>The handler failed unexpectedly (the server logs the exception).</summary>
    public const string Internal = "internal";

    /// <summary>For handlers: no tunnel of that name.</summary>
    public const string UnknownTunnel = "unknown-tunnel";

    /// <summary>For handlers: the command was understood but could not be carried out (e.g. reload of a bad file).</summary>
    public const string Failed = "failed";
}
