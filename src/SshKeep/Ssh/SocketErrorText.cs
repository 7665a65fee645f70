using SshKeep.Native;

namespace SshKeep.Ssh;

/// <summary>strerror() wording, as autossh prints it (R46, R47, R49).</summary>
internal static class SocketErrorText
{
    /// <summary>EINTR (R76).</summary>
    public const string Interrupted = "Interrupted system call";

    /// <summary>EBADF: the monitor was disposed during a test.</summary>
    public const string BadDescriptor = "Bad file descriptor";

    /// <summary>On Unix <see cref="SocketException.NativeErrorCode"/> is the errno.</summary>
    public static string Of(SocketException e) => LibC.StrError(e.NativeErrorCode);

    /// <summary>The exception only maps the error to its errno.</summary>
    public static string Of(SocketError error) => Of(new SocketException((int)error));
}
