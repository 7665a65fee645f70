using SshKeep.Native;

namespace SshKeep.Daemon;

/// <summary>Signals as numbers on a channel, so the supervisor handles them in its own loop, one at a time, like
/// autossh's blocked-while-handling rule (docs/autossh-rules.md R72).</summary>
/// <remarks>Every registration sets <c>Cancel</c>, so the runtime never terminates us behind our back: the supervisor
/// always stops ssh and removes the pid file first (R71's orphaned ssh on SIGQUIT, R74's deaths while backing off).
/// Once disposed, the default actions are back.</remarks>
internal sealed class SignalListener : IDisposable
{
    public static IReadOnlyList<int> HandledSignals { get; } =
        [SignalNumbers.SIGHUP, SignalNumbers.SIGINT, SignalNumbers.SIGQUIT, SignalNumbers.SIGUSR1, SignalNumbers.SIGUSR2, SignalNumbers.SIGALRM, SignalNumbers.SIGTERM];

    private readonly Channel<int> _received = Channel.CreateUnbounded<int>(new UnboundedChannelOptions { SingleReader = true });
    private readonly List<PosixSignalRegistration> _registrations = [];

    public SignalListener()
    {
        try
        {
            _registrations.AddRange(HandledSignals.Select(s => PosixSignalRegistration.Create(ToPosixSignal(s), OnSignal)));
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public ChannelReader<int> Signals => _received.Reader;

    public void Dispose()
    {
        foreach (var registration in _registrations) registration.Dispose();
        _registrations.Clear();
        _received.Writer.TryComplete();
    }

    /// <summary>For SIGINT (docs/compatibility.md). The runtime keeps an ignore it finds when it sets up signal handling,
    /// so this runs first thing in <c>EntryPoint</c>. True when undone.</summary>
    internal static unsafe bool UndoInheritedIgnore(int signal)
    {
        byte* current = stackalloc byte[LibC.SigActionBufferSize];
        new Span<byte>(current, LibC.SigActionBufferSize).Clear();
        if (LibC.sigaction(signal, null, current) != 0 || *(nint*)current != LibC.SIG_IGN) return false;
        byte* defaultAction = stackalloc byte[LibC.SigActionBufferSize];
        new Span<byte>(defaultAction, LibC.SigActionBufferSize).Clear();
        *(nint*)defaultAction = LibC.SIG_DFL;
        return LibC.sigaction(signal, defaultAction, null) == 0;
    }

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        _received.Writer.TryWrite(ToNumber(context.Signal));
    }

    /// <summary>.NET names four of these with negative enum values of its own; the rest are passed as
    /// raw numbers, which PosixSignalRegistration accepts on Unix (and reports the way they were registered).</summary>
    private static readonly (int Number, PosixSignal Named)[] NamedByDotNet =
    [
        (SignalNumbers.SIGHUP, PosixSignal.SIGHUP),
        (SignalNumbers.SIGINT, PosixSignal.SIGINT),
        (SignalNumbers.SIGQUIT, PosixSignal.SIGQUIT),
        (SignalNumbers.SIGTERM, PosixSignal.SIGTERM),
    ];

    internal static PosixSignal ToPosixSignal(int signal)
    {
        if (signal <= 0) throw new ArgumentOutOfRangeException(nameof(signal), signal, "Signal numbers are positive.");
        return NamedByDotNet.FirstOrDefault(n => n.Number == signal) is { Named: not 0 } named ? named.Named : (PosixSignal)signal;
    }

    internal static int ToNumber(PosixSignal signal) =>
        NamedByDotNet.FirstOrDefault(n => n.Named == signal) is { Number: > 0 } named ? named.Number : (int)signal;
}
