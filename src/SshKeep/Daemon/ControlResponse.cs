namespace SshKeep.Daemon;

/// <summary>
/// The daemon's one answer to one request: a single JSON line such as
/// <c>{"ok":true,"error":null,"message":"restarting db","status":null}</c> or
/// <c>{"ok":false,"error":"unknown-tunnel","message":"no tunnel named \"dbx\"","status":null}</c>.
/// </summary>
internal sealed record ControlResponse
{
    public required bool Ok { get; init; }

    /// <summary>One of <see cref="ControlErrors"/> when not <see cref="Ok"/>; null otherwise.</summary>
    public string? Error { get; init; }

    /// <summary>A line for people (printed by the CLI), or null.</summary>
    public string? Message { get; init; }

    /// <summary>The snapshot, in the answer to <c>status</c>.</summary>
    public StatusSnapshot? Status { get; init; }

    public static ControlResponse Success(string? message = null, StatusSnapshot? status = null) =>
        new() { Ok = true, Message = message, Status = status };

    public static ControlResponse Failure(string error, string message) =>
        new() { Ok = false, Error = error, Message = message };
}
