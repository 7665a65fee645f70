using SshKeep.Native;

namespace SshKeep.Ssh;

/// <summary>strerror() wording for socket failures, as autossh prints them (spec R46, R47, R49).</summary>
internal static class SocketErrorText
{
    /// <summary>What autossh reports when a signal interrupts a test (R76: EINTR).</summary>
    public const string Interrupted = "Interrupted system call";

    /// <summary>A closed descriptor (EBADF): the monitor was disposed during a test.</summary>
    public const string BadDescriptor = "Bad file descriptor";

    /// <summary>On Unix <see cref="SocketException.NativeErrorCode"/> is the errno: the exact strerror() text.</summary>
    public static string Of(SocketException e) => LibC.StrError(e.NativeErrorCode);

    /// <summary>For an error reported as a value (<see cref="QuietConnect"/>); the exception only maps it to its errno.</summary>
    public static string Of(SocketError error) => Of(new SocketException((int)error));
}
