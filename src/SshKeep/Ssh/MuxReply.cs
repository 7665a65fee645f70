namespace SshKeep.Ssh;

/// <summary>
/// One message from a ControlMaster, parsed by <see cref="MuxPacket.Parse"/>.
/// </summary>
/// <param name="Type">The message number (<see cref="MuxMessageType"/>), or 0 when <see cref="Malformed"/> is set.</param>
/// <param name="RequestId">The request this answers; 0 for a hello.</param>
/// <param name="Value">The hello's protocol version, the opened session's channel id, or the
/// alive answer's pid; 0 for the others.</param>
/// <param name="Reason">The master's text for a failure or a refusal.</param>
/// <param name="Malformed">Why the message could not be read, or null.</param>
internal sealed record MuxReply(uint Type, uint RequestId, uint Value, string? Reason, string? Malformed = null);
