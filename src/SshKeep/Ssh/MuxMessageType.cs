namespace SshKeep.Ssh;

/// <summary>Message numbers of OpenSSH's multiplexing protocol (PROTOCOL.mux, mux.c) that sshkeep sends or may receive.</summary>
internal static class MuxMessageType
{
    public const uint Hello = 0x00000001;
    public const uint NewStdioForward = 0x10000008;
    public const uint PermissionDenied = 0x80000002;
    public const uint Failure = 0x80000003;
    public const uint Alive = 0x80000005;
    public const uint SessionOpened = 0x80000006;
}
