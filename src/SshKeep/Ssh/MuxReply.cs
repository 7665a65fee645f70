namespace SshKeep.Ssh;

/// <summary>One message from a ControlMaster, parsed by <see cref="MuxPacket.Parse"/>; <paramref name="Type"/> is 0
/// when <paramref name="Malformed"/> says why it could not be read.</summary>
/// <param name="Value">The hello's protocol version, the opened session's channel id, or the alive answer's pid.</param>
/// <param name="Reason">The master's text for a failure or a refusal.</param>
internal sealed record MuxReply(uint Type, uint RequestId, uint Value, string? Reason, string? Malformed = null);
