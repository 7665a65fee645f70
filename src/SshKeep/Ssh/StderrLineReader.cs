using System.Runtime.InteropServices;
using System.Threading.Channels;
using Microsoft.Win32.SafeHandles;
using SshKeep.Native;

namespace SshKeep.Ssh;

/// <summary>
/// Reads the read end of a child's stderr pipe on a small dedicated thread and publishes the lines.
/// Hooks use it (they are few and short-lived); ssh's stderr is a socket read by
/// <see cref="StderrSocketReader"/>, which needs no thread per tunnel.
/// </summary>
/// <remarks>
/// Why a thread and poll(2): .NET has no asynchronous read for an arbitrary pipe fd, and a
/// blocking read on a thread-pool thread per tunnel would starve the pool (and with it every timer
/// and probe) on a small machine. poll on the pipe plus an eventfd lets <see cref="Dispose"/> end
/// the thread even when a grandchild of ssh (a ProxyCommand) keeps the pipe open for ever, where
/// closing the fd would not wake a blocked read.
/// The line buffer is bounded and drops the oldest lines: if nobody reads them, ssh must still
/// never block on a full pipe.
/// </remarks>
internal sealed unsafe class StderrLineReader : IDisposable
{
    /// <summary>Lines kept when nobody reads them; ssh writes few lines unless run with -v.</summary>
    internal const int Capacity = 1024;

    /// <summary>A "line" longer than this is cut into pieces so memory stays bounded.</summary>
    internal const int MaxLineBytes = 16 * 1024;

    private readonly SafeFileHandle _pipe;
    private readonly SafeFileHandle _wake;
    private readonly StderrLineSplitter _splitter = new();
    private int _disposed;

    /// <summary>Takes ownership of <paramref name="pipeReadFd"/> and starts reading.</summary>
    public StderrLineReader(int pipeReadFd)
    {
        _pipe = new SafeFileHandle(pipeReadFd, ownsHandle: true);
        int wake = LibC.eventfd(0, LibC.EFD_CLOEXEC | LibC.EFD_NONBLOCK);
        if (wake < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            _pipe.Dispose();
            throw new IOException($"eventfd: {LibC.StrError(errno)}");
        }
        _wake = new SafeFileHandle(wake, ownsHandle: true);
        var thread = new Thread(Run, maxStackSize: 256 * 1024) { IsBackground = true, Name = "ssh stderr" };
        thread.Start();
    }

    public ChannelReader<string> Lines => _splitter.Lines;

    /// <summary>Ends the reader thread (it closes the pipe itself). Lines already read stay readable.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        long one = 1;
        // If the thread already ended this write is harmless; SafeHandle keeps the fd valid meanwhile.
        LibC.write(_wake, (byte*)&one, sizeof(long));
        _wake.Dispose();
    }

    private void Run()
    {
        bool pipeRef = false, wakeRef = false;
        var buffer = new byte[4096];
        try
        {
            _pipe.DangerousAddRef(ref pipeRef);
            _wake.DangerousAddRef(ref wakeRef);
            var fds = stackalloc LibC.PollFd[2];
            fds[0] = new LibC.PollFd { Fd = (int)_pipe.DangerousGetHandle(), Events = LibC.POLLIN };
            fds[1] = new LibC.PollFd { Fd = (int)_wake.DangerousGetHandle(), Events = LibC.POLLIN };
            while (true)
            {
                fds[0].REvents = fds[1].REvents = 0;
                if (LibC.poll(fds, 2, -1) < 0)
                {
                    if (Marshal.GetLastPInvokeError() == LibC.EINTR) continue;
                    break;
                }
                if (fds[1].REvents != 0) break; // disposed
                if (fds[0].REvents == 0) continue;

                nint count;
                fixed (byte* b = buffer) count = LibC.read(_pipe, b, buffer.Length);
                if (count < 0)
                {
                    int errno = Marshal.GetLastPInvokeError();
                    if (errno is LibC.EINTR or LibC.EAGAIN) continue;
                    break;
                }
                if (count == 0) break; // EOF: every writer (ssh and anything it started) is gone

                _splitter.Append(new ReadOnlySpan<byte>(buffer, 0, (int)count));
            }
        }
        finally
        {
            _splitter.Complete();
            if (wakeRef) _wake.DangerousRelease();
            if (pipeRef) _pipe.DangerousRelease();
            _pipe.Dispose();
        }
    }
}
