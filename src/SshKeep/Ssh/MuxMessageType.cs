namespace SshKeep.Ssh;

/// <summary>
/// Message numbers of OpenSSH's multiplexing protocol (PROTOCOL.mux §11, mux.c). Only the ones
/// sshkeep sends or may receive while opening a stdio forward are listed.
/// </summary>
internal static class MuxMessageType
{
    public const uint Hello = 0x00000001;
    public const uint NewStdioForward = 0x10000008;
    public const uint Ok = 0x80000001;
    public const uint PermissionDenied = 0x80000002;
    public const uint Failure = 0x80000003;
    public const uint ExitMessage = 0x80000004;
    public const uint Alive = 0x80000005;
    public const uint SessionOpened = 0x80000006;
}
