namespace SshKeep.Ssh;

/// <summary><paramref name="Type"/> is 0 when <paramref name="Malformed"/> says why it is unreadable.</summary>
/// <param name="Value">The hello's protocol version, the opened session's channel id, or the alive answer's pid.</param>
internal sealed record MuxReply(uint Type, uint RequestId, uint Value, string? Reason, string? Malformed = null);
