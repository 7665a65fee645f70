using System.Diagnostics;
using System.Net.Sockets;
using SshKeep.Logging;
using SshKeep.Ssh;

namespace SshKeep.Forwarding;

/// <summary>
/// The SOCKS side of a held <c>dynamic</c> forward: reads what a freshly accepted client asks for, answering
/// SOCKS5's method selection on the way, and writes the replies (docs/held-ports.md "SOCKS").
/// <see cref="SocksParser"/> decides; this only moves the bytes.
/// </summary>
internal static class SocksHandshake
{
    /// <summary>
    /// Reads the greeting and the request within <paramref name="within"/>. Never throws for the client's
    /// faults (bad bytes, EOF, reset, timeout): those are <see cref="SocksOutcome.Refused"/>, with the refusal
    /// reply already written; closing the socket is the caller's. Throws <see cref="OperationCanceledException"/>
    /// only for <paramref name="stopping"/>.
    /// </summary>
    public static async Task<SocksOutcome> ReadAsync(Socket client, TimeSpan within, CancellationToken stopping)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        deadline.CancelAfter(within);
        var received = new byte[SocksParser.Longest];
        int count = 0;
        try
        {
            while (true)
            {
                int wanted;
                switch (SocksParser.Parse(received.AsSpan(0, count)))
                {
                    case SocksStep.Request request:
                        return request.Target;
                    case SocksStep.Refused refused:
                        if (refused.Reply.Length > 0) await client.SendAsync(refused.Reply, deadline.Token).ConfigureAwait(false);
                        return new SocksOutcome.Refused(refused.Reason);
                    case SocksStep.Greeting greeting:
                        await client.SendAsync(greeting.Reply, deadline.Token).ConfigureAwait(false);
                        wanted = greeting.Bytes;
                        break;
                    case SocksStep.NeedMore more:
                        wanted = more.Bytes;
                        break;
                    default:
                        throw new UnreachableException();
                }
                int got = await client.ReceiveAsync(received.AsMemory(count, wanted), deadline.Token).ConfigureAwait(false);
                if (got == 0) return new SocksOutcome.Refused($"the client closed the connection after {Bytes(count)}, before its SOCKS request was complete");
                count += got;
            }
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            return new SocksOutcome.Refused($"no complete SOCKS request within {new DaemonDuration(within)} ({Bytes(count)} received)");
        }
        catch (SocketException e)
        {
            return new SocksOutcome.Refused($"the client's connection failed after {Bytes(count)}: {SocketErrorText.Of(e)}");
        }
    }

    /// <summary>Written just before the socket goes to ssh, before the channel is confirmed, as ssh's own -D does.</summary>
    public static byte[] SuccessReply(SocksVersion version) => SocksParser.Reply(version, version == SocksVersion.Socks5 ? (byte)0x00 : (byte)0x5a);

    /// <summary>v4: 0x5B "rejected or failed"; v5: 0x01 "general SOCKS server failure", not 0x04 "host
    /// unreachable": sshkeep does not learn why (no master in time, or the master refused), and it does not
    /// claim what it does not know about the target.</summary>
    public static byte[] FailureReply(SocksVersion version) => SocksParser.Reply(version, version == SocksVersion.Socks5 ? (byte)0x01 : (byte)0x5b);

    private static string Bytes(int count) => count == 1 ? "1 byte" : $"{count} bytes";
}
