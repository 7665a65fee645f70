namespace SshKeep.Daemon;

/// <summary>One answer line (docs/daemon.md "Control protocol"); <see cref="Error"/>: <see cref="ControlErrors"/>.</summary>
internal sealed record ControlResponse
{
    public required bool Ok { get; init; }

    public string? Error { get; init; }

    public string? Message { get; init; }

    public StatusSnapshot? Status { get; init; }

    public static ControlResponse Success(string? message = null, StatusSnapshot? status = null) =>
        new() { Ok = true, Message = message, Status = status };

    public static ControlResponse Failure(string error, string message) =>
        new() { Ok = false, Error = error, Message = message };
}
