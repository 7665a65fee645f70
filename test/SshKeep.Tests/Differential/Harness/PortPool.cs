using System.Net;
using System.Net.Sockets;

namespace SshKeep.Tests.Differential.Harness;

/// <summary>
/// Hands out monitor port pairs (P, P+1) that are free on 127.0.0.1 right now and not leased to
/// another run of this pool. Loop mode makes the keeper bind 127.0.0.1:P+1 (R46), so two runs in
/// parallel must not share P. Each test class gets its own band of 600 ports inside 10000–19999:
/// below the fixed ports some cases use (20000+, 22222, 23130, 65534; 9362 is below them) and below the wrapper's
/// random range 32768–65535 (R3).
/// </summary>
public sealed class PortPool
{
    private readonly int _first;
    private readonly int _last;
    private readonly object _gate = new();
    private readonly HashSet<int> _leased = [];
    private int _next;

    /// <param name="band">0–15: which 600-port band of 10000–19599 this pool hands out.</param>
    public PortPool(int band)
    {
        _first = 10000 + 600 * band;
        _last = _first + 598;
        // Start at a point that depends on the process, so two test processes at once rarely
        // lease the same pair before either keeper has bound it.
        _next = _first + 2 * (Environment.ProcessId % 300);
    }

    public int Lease()
    {
        lock (_gate)
        {
            for (var tries = 0; tries < (_last - _first) / 2; tries++)
            {
                var p = _next;
                _next = _next + 2 > _last ? _first : _next + 2;
                if (_leased.Contains(p) || !Free(p) || !Free(p + 1)) continue;
                _leased.Add(p);
                return p;
            }
        }
        throw new InvalidOperationException($"no free port pair in {_first}-{_last + 1}");
    }

    public void Release(int port)
    {
        lock (_gate) _leased.Remove(port);
    }

    public static bool Free(int port)
    {
        try
        {
            using var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            s.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
