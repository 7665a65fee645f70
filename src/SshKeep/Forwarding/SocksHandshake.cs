using SshKeep.Logging;
using SshKeep.Ssh;

namespace SshKeep.Forwarding;

/// <summary>Moves the bytes of a held <c>dynamic</c> forward's SOCKS handshake; <see cref="SocksParser"/> decides
/// (docs/held-ports.md "SOCKS").</summary>
internal static class SocksHandshake
{
    /// <summary>The client's faults (bad bytes, EOF, reset, timeout) are a <see cref="SocksStep.Refused"/>, its reply written.
    /// Synchronous calls on a thread of its own, for the reason at <see cref="HeldForward"/>'s ServeAsync (epoll).</summary>
    public static Task<SocksStep> ReadAsync(Socket client, TimeSpan within, CancellationToken stopping)
    {
        ArgumentNullException.ThrowIfNull(client);
        return Task.Factory.StartNew(() => Read(client, within, stopping), CancellationToken.None, TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
    }

    private static SocksStep Read(Socket client, TimeSpan within, CancellationToken stopping)
    {
        var started = Stopwatch.GetTimestamp();
        var received = new byte[SocksParser.Longest];
        int count = 0;
        try
        {
            while (true)
            {
                var step = SocksParser.Parse(received.AsSpan(0, count));
                (byte[] reply, int wanted) = step switch
                {
                    SocksStep.Refused refused => (refused.Reply, 0),
                    SocksStep.Greeting greeting => (greeting.Reply, greeting.Bytes),
                    SocksStep.NeedMore more => ([], more.Bytes),
                    _ => ([], 0),
                };
                if (reply.Length > 0) client.Send(reply);
                if (step is SocksStep.Request or SocksStep.Refused) return step;
                while (!client.Poll(PollSlice, SelectMode.SelectRead))
                {
                    stopping.ThrowIfCancellationRequested();
                    if (Stopwatch.GetElapsedTime(started) >= within)
                        return Refused($"no complete SOCKS request within {new DaemonDuration(within)} ({Bytes(count)} received)");
                }
                int got = client.Receive(received, count, wanted, SocketFlags.None);
                if (got == 0) return Refused($"the client closed the connection after {Bytes(count)}, before its SOCKS request was complete");
                count += got;
            }
        }
        catch (SocketException e)
        {
            return Refused($"the client's connection failed after {Bytes(count)}: {SocketErrorText.Of(e)}");
        }
    }

    private static readonly TimeSpan PollSlice = TimeSpan.FromMilliseconds(100);

    public static byte[] SuccessReply(SocksVersion version) => SocksParser.Reply(version, version == SocksVersion.Socks5 ? (byte)0x00 : (byte)0x5a);

    /// <summary>Not v5's 0x04 "host unreachable": sshkeep does not learn why (docs/held-ports.md "SOCKS").</summary>
    public static byte[] FailureReply(SocksVersion version) => SocksParser.Reply(version, version == SocksVersion.Socks5 ? (byte)0x01 : (byte)0x5b);

    private static SocksStep.Refused Refused(string reason) => new(reason, []);

    private static string Bytes(int count) => count == 1 ? "1 byte" : $"{count} bytes";
}
