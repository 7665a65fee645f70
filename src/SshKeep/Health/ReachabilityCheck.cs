using System.Net;
using System.Net.Sockets;
using SshKeep.Ssh;

namespace SshKeep.Health;

/// <summary>
/// One cheap question to the ssh server's host: does a TCP connect complete? Closed as soon as it
/// is made, nothing sent (what sshd logs of it: docs/reachability.md, "What the server sees").
/// The caller's cancellation throws; every network outcome is a value.
/// </summary>
internal sealed class ReachabilityCheck(TimeProvider time)
{
    /// <summary>Long enough for any sane round trip, short enough that a dead server costs little.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(1);

    /// <summary>Connects to <paramref name="endpoint"/>, waits at most <paramref name="timeout"/> for
    /// the handshake, and closes at once.</summary>
    public async Task<ReachabilityOutcome> CheckAsync(IPEndPoint endpoint, TimeSpan timeout, CancellationToken cancellationToken)
    {
        // An IPv4 address in IPv6 clothing (::ffff:a.b.c.d, as /proc/net/tcp6 can show it) is
        // asked over IPv4: an IPv6 socket would need dual mode to reach it.
        var target = endpoint.Address.IsIPv4MappedToIPv6 ? new IPEndPoint(endpoint.Address.MapToIPv4(), endpoint.Port) : endpoint;
        using var timeoutSource = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        Socket socket;
        try
        {
            socket = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        }
        catch (SocketException e)
        {
            // No IPv6 (or IPv4) support in this kernel or namespace.
            return ReachabilityOutcome.UnreachableAt(endpoint, SocketErrorText.Of(e));
        }
        using (socket)
        {
            SocketError error;
            try
            {
                // QuietConnect: a refused check is a value, not an exception with a symbolized stack trace.
                error = await QuietConnect.ConnectAsync(socket, target, linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return ReachabilityOutcome.TimedOutAt(endpoint, timeout);
            }
            catch (SocketException e)
            {
                return ReachabilityOutcome.UnreachableAt(endpoint, SocketErrorText.Of(e));
            }
            return error switch
            {
                SocketError.Success => ReachabilityOutcome.AnsweredBy(endpoint),
                SocketError.ConnectionRefused => ReachabilityOutcome.RefusedBy(endpoint),
                SocketError.TimedOut => ReachabilityOutcome.TimedOutAt(endpoint, timeout),
                _ => ReachabilityOutcome.UnreachableAt(endpoint, SocketErrorText.Of(error)),
            };
        }
    }
}
