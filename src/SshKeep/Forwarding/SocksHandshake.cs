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
    /// <remarks>On a thread of its own, with poll(2) and synchronous calls: an asynchronous call would register the
    /// socket with .NET's epoll, which would then wake on its traffic for as long as ssh carries it (epoll(7)).</remarks>
    public static Task<SocksOutcome> ReadAsync(Socket client, TimeSpan within, CancellationToken stopping)
    {
        ArgumentNullException.ThrowIfNull(client);
        return Task.Factory.StartNew(() => Read(client, within, stopping), CancellationToken.None, TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
    }

    private static SocksOutcome Read(Socket client, TimeSpan within, CancellationToken stopping)
    {
        var started = Stopwatch.GetTimestamp();
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
                        if (refused.Reply.Length > 0) client.Send(refused.Reply);
                        return new SocksOutcome.Refused(refused.Reason);
                    case SocksStep.Greeting greeting:
                        client.Send(greeting.Reply);
                        wanted = greeting.Bytes;
                        break;
                    case SocksStep.NeedMore more:
                        wanted = more.Bytes;
                        break;
                    default:
                        throw new UnreachableException();
                }
                while (!client.Poll(PollSlice, SelectMode.SelectRead))
                {
                    stopping.ThrowIfCancellationRequested();
                    if (Stopwatch.GetElapsedTime(started) >= within)
                        return new SocksOutcome.Refused($"no complete SOCKS request within {new DaemonDuration(within)} ({Bytes(count)} received)");
                }
                int got = client.Receive(received, count, wanted, SocketFlags.None);
                if (got == 0) return new SocksOutcome.Refused($"the client closed the connection after {Bytes(count)}, before its SOCKS request was complete");
                count += got;
            }
        }
        catch (SocketException e)
        {
            return new SocksOutcome.Refused($"the client's connection failed after {Bytes(count)}: {SocketErrorText.Of(e)}");
        }
    }

    /// <summary>How often a wait for the client's bytes looks at <c>stopping</c>.</summary>
    private static readonly TimeSpan PollSlice = TimeSpan.FromMilliseconds(100);

    /// <summary>Written just before the socket goes to ssh, before the channel is confirmed, as ssh's own -D does.</summary>
    public static byte[] SuccessReply(SocksVersion version) => SocksParser.Reply(version, version == SocksVersion.Socks5 ? (byte)0x00 : (byte)0x5a);

    /// <summary>v4: 0x5B "rejected or failed"; v5: 0x01 "general SOCKS server failure", not 0x04 "host
    /// unreachable": sshkeep does not learn why (no master in time, or the master refused), and it does not
    /// claim what it does not know about the target.</summary>
    public static byte[] FailureReply(SocksVersion version) => SocksParser.Reply(version, version == SocksVersion.Socks5 ? (byte)0x01 : (byte)0x5b);

    private static string Bytes(int count) => count == 1 ? "1 byte" : $"{count} bytes";
}
