using SshKeep.Logging;
using SshKeep.Native;
using SshKeep.Ssh;

namespace SshKeep.Daemon;

/// <summary>sd_notify(3) to <c>NOTIFY_SOCKET</c> when it is set. Never throws: a failed send is logged once,
/// since a daemon whose tunnels work must not stop because systemd went away; the socket is non-blocking, so
/// a manager that stopped reading never stalls the supervisor loop. Thread-safe.</summary>
internal sealed class SystemdNotifier : IDisposable
{
    /// <summary>systemd shows STATUS= in one line of `systemctl status`; longer text is cut.</summary>
    public const int MaxStatusLength = 200;

    private readonly object _gate = new();
    private readonly ILogger _logger;
    private readonly UnixDatagramSender? _sender;
    private readonly Func<long> _monotonicMicroseconds;
    private bool _failureLogged;

    /// <param name="notifySocket">Null or empty turns the notifier off.</param>
    public SystemdNotifier(string? notifySocket, ILogger logger, Func<long>? monotonicMicroseconds = null)
    {
        ArgumentNullException.ThrowIfNull(logger);
        _logger = logger;
        _monotonicMicroseconds = monotonicMicroseconds ?? MonotonicMicroseconds;
        Target = string.IsNullOrEmpty(notifySocket) ? null : notifySocket;
        if (Target is null) return;
        try
        {
            _sender = EndpointPath(Target) is { } path ? new UnixDatagramSender(path) : null;
        }
        catch (ArgumentException)
        {
            // Longer than sun_path (108 bytes): no socket can be addressed that way.
        }
        if (_sender is null) _logger.SystemdNotifySocketUnusable(Target);
    }

    public static SystemdNotifier FromEnvironment(IReadOnlyDictionary<string, string> environment, ILogger logger) =>
        new(environment.GetValueOrDefault(SystemdEnvironment.NotifySocket), logger);

    public bool IsEnabled => _sender is not null;

    public string? Target { get; }

    /// <param name="before">Assignments sent in the same datagram (<c>READY=1\n</c>).</param>
    public bool Status(string text, string before = "") => Send(before + "STATUS=" + StatusValue(text));

    /// <summary>RELOADING=1 with MONOTONIC_USEC= (systemd ≥ 253 matches it to the reload it started).
    /// Send READY=1 when done: systemd keeps the unit in "reloading" until then.</summary>
    public bool Reloading() =>
        Send(string.Create(CultureInfo.InvariantCulture, $"RELOADING=1\nMONOTONIC_USEC={_monotonicMicroseconds()}"));

    /// <summary>systemd ≥ 236.</summary>
    public bool ExtendTimeout(TimeSpan by) =>
        Send(string.Create(CultureInfo.InvariantCulture, $"EXTEND_TIMEOUT_USEC={(long)Math.Max(0, by.TotalMicroseconds)}"));

    /// <summary>Assignments separated by '\n'; false when disabled or on any failure.</summary>
    public bool Send(string state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (_sender is null) return false;
        byte[] datagram = Encoding.UTF8.GetBytes(state);
        lock (_gate)
        {
            if (_sender.TrySend(datagram, out var error)) return true;
            if (error is not null && !_failureLogged)
            {
                _failureLogged = true;
                _logger.SystemdNotifyFailed(Target!, error);
            }
            return false;
        }
    }

    public void Dispose()
    {
        lock (_gate) _sender?.Dispose();
    }

    /// <summary>As sd_notify reads it: '@' is the abstract namespace (a leading NUL); null for anything else
    /// (systemd ≥ 253's <c>vsock:</c> addresses for virtual machines are not supported).</summary>
    public static string? EndpointPath(string notifySocket)
    {
        ArgumentNullException.ThrowIfNull(notifySocket);
        if (notifySocket.Length < 2 || notifySocket[0] is not ('/' or '@')) return null;
        return notifySocket[0] == '@' ? "\0" + notifySocket[1..] : notifySocket;
    }

    /// <summary>Control characters become spaces: a newline would start a new assignment, and the text may quote
    /// ssh's stderr.</summary>
    public static string StatusValue(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return OneLine.Cut(OneLine.Of(text, OneLineStyle.Space), MaxStatusLength);
    }

    /// <summary>clock_gettime(2) itself: systemd compares MONOTONIC_USEC= with its own reading of that clock, and
    /// which clock the runtime uses behind Stopwatch is not a documented promise.</summary>
    internal static long MonotonicMicroseconds()
    {
        Span<long> timespec = stackalloc long[2];
        if (LibC.ClockGetTime(LibC.CLOCK_MONOTONIC, timespec) != 0) return 0;
        return (timespec[0] * 1_000_000) + (timespec[1] / 1_000);
    }
}
