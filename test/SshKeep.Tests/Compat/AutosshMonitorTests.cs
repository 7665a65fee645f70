using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using SshKeep.Compat;
using SshKeep.Tests.Fakes;
using SshKeep.Tests.Health;
using SshKeep.Tests.Integration.Infrastructure;



namespace SshKeep.Tests.Compat;

/// <summary>
/// autossh's connection test (spec R46–R52, R76) against in-test tunnels on 127.0.0.1. Where data
/// must come back, T is long and real, so a slow machine cannot turn a pass into a timeout; where a
/// wait must time out, a manual clock fires exactly that wait (or, when no data is expected at all,
/// T is short and real). The tests assert what happened and what was logged, never how long it took.
/// </summary>
public sealed class AutosshMonitorTests
{
    private const int ShortTimeoutMs = 300;
    private const int LongTimeoutMs = 60_000;
    private static readonly TimeSpan T = TimeSpan.FromSeconds(15);
    private const string Node = "testnode";
    private const string Program = "autossh";
    private const int Pid = 4242;

    // CompatLog event ids (R86).
    private const int ConnectFailed = 501;
    private const int AcceptTimeout = 502;
    private const int AcceptPollError = 503;
    private const int TooManyLoops = 505;
    private const int TriedAndFailed = 506;
    private const int ConnectionOk = 507;
    private const int NotWhatISent = 508;
    private const int IoPollTimeout = 509;
    private const int PollError = 510;

    [Fact]
    public async Task Loop_mode_test_passes_through_a_working_tunnel()
    {
        var log = new RecordingLogger();
        var (relay, monitor) = OpenLoop(RelayMode.Pass, log, LongTimeoutMs);
        try
        {
            Assert.True(await Eventually.Within(monitor.TestAsync(CancellationToken.None), "test"));
            Assert.Equal([ConnectionOk], log.EventIds);
            Assert.Equal(new LogEntry(ConnectionOk, LogLevel.Debug, "connection ok"), log.Entries[0]);
        }
        finally
        {
            monitor.Dispose();
            relay.Dispose();
        }
    }

    [Fact]
    public async Task Loop_mode_listener_is_opened_once_and_serves_every_test()
    {
        var log = new RecordingLogger();
        var (relay, monitor) = OpenLoop(RelayMode.Pass, log, LongTimeoutMs);
        try
        {
            for (int i = 0; i < 3; i++)
            {
                Assert.True(await Eventually.Within(monitor.TestAsync(CancellationToken.None), $"test {i}"));
            }
            Assert.Equal(3, relay.Accepted);
            Assert.Equal([ConnectionOk, ConnectionOk, ConnectionOk], log.EventIds);
        }
        finally
        {
            monitor.Dispose();
            relay.Dispose();
        }
    }

    [Fact]
    public async Task Test_line_carries_node_program_pid_random_number_and_message()
    {
        var log = new RecordingLogger();
        var (relay, monitor) = OpenLoop(RelayMode.Pass, log, LongTimeoutMs, random: new Random(7), message: "hello-msg");
        try
        {
            Assert.True(await Eventually.Within(monitor.TestAsync(CancellationToken.None), "test"));
            long expectedId = new Random(7).Next();
            Assert.Equal($"testnode autossh 4242 {expectedId} hello-msg\r\n", Encoding.ASCII.GetString(relay.Seen));
        }
        finally
        {
            monitor.Dispose();
            relay.Dispose();
        }
    }

    [Fact]
    public async Task Empty_message_still_leaves_a_space_before_the_line_end()
    {
        var log = new RecordingLogger();
        var (relay, monitor) = OpenLoop(RelayMode.Pass, log, LongTimeoutMs);
        try
        {
            Assert.True(await Eventually.Within(monitor.TestAsync(CancellationToken.None), "test"));
            Assert.Matches(new Regex(@"^testnode autossh 4242 \d+ \r\n$"), Encoding.ASCII.GetString(relay.Seen));
        }
        finally
        {
            monitor.Dispose();
            relay.Dispose();
        }
    }

    [Fact]
    public void Default_node_name_is_the_full_host_name_as_uname_reports_it()
    {
        using var monitor = new AutosshMonitor(new MonitorSpec.Echo(7, 7), Program, Pid, "", 1000,
            new RecordingLogger(), TimeProvider.System, new Random(1));
        Assert.StartsWith(Dns.GetHostName() + " autossh 4242 5 ", monitor.BuildTestLine(5));
    }

    [Fact]
    public async Task Loop_mode_frozen_tunnel_fails_with_an_io_timeout_then_an_accept_timeout()
    {
        // R49: the first attempt's read times out; the second attempt gets no new read connection
        // (the loop makes one per write connection), so the accept timeout ends the test.
        var log = new RecordingLogger();
        var time = new TimerRecordingTimeProvider();
        var (relay, monitor) = OpenLoop(RelayMode.Swallow, log, (int)T.TotalMilliseconds, time: time);
        try
        {
            Task<bool> test = monitor.TestAsync(CancellationToken.None);
            // Waits armed: accept, send, receive, accept again.
            await FireWait(time, 2, () => relay.Seen.Length > 0);
            await FireWait(time, 3);
            Assert.False(await Eventually.Within(test, "test"));
            Assert.Equal([IoPollTimeout, AcceptTimeout], log.EventIds);
            Assert.Equal(new LogEntry(IoPollTimeout, LogLevel.Debug, "timeout on io poll, looping to accept again"), log.Entries[0]);
            Assert.Equal(new LogEntry(AcceptTimeout, LogLevel.Information, "timeout polling to accept read connection"), log.Entries[1]);
        }
        finally
        {
            monitor.Dispose();
            relay.Dispose();
        }
    }

    [Fact]
    public async Task Loop_mode_tunnel_that_never_reaches_the_read_port_fails_on_the_accept_timeout()
    {
        // R50: a hung tunnel in loop mode costs one T, with no second attempt.
        var log = new RecordingLogger();
        var time = new TimerRecordingTimeProvider();
        var (relay, monitor) = OpenLoop(RelayMode.NoReadConnection, log, (int)T.TotalMilliseconds, time: time);
        try
        {
            Task<bool> test = monitor.TestAsync(CancellationToken.None);
            await FireWait(time, 0);
            Assert.False(await Eventually.Within(test, "test"));
            Assert.Equal([AcceptTimeout], log.EventIds);
            Assert.Single(time.Created);
        }
        finally
        {
            monitor.Dispose();
            relay.Dispose();
        }
    }

    [Fact]
    public async Task Loop_mode_corrupting_tunnel_fails_with_not_what_I_sent_sent_line_first()
    {
        var log = new RecordingLogger();
        var time = new TimerRecordingTimeProvider();
        var (relay, monitor) = OpenLoop(RelayMode.Corrupt, log, (int)T.TotalMilliseconds, random: new Random(3), time: time);
        try
        {
            Task<bool> test = monitor.TestAsync(CancellationToken.None);
            // Waits armed: accept, send, receive (answered, wrong), accept again (fired).
            await FireWait(time, 3);
            Assert.False(await Eventually.Within(test, "test"));
            Assert.Equal([NotWhatISent, AcceptTimeout], log.EventIds);
            string sent = $"testnode autossh 4242 {new Random(3).Next()} \r\n";
            Assert.Equal($"not what I sent: \"{sent}\" : \"{sent.ToUpperInvariant()}\"", log.Entries[0].Message);
            Assert.Equal(LogLevel.Debug, log.Entries[0].Level);
        }
        finally
        {
            monitor.Dispose();
            relay.Dispose();
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Nothing_listening_on_the_write_port_fails_at_once_with_the_connect_log(bool loopMode)
    {
        var log = new RecordingLogger();
        AutosshMonitor monitor = OpenWithNothingOnWritePort(loopMode, log, out int writePort);
        try
        {
            Assert.False(await Eventually.Within(monitor.TestAsync(CancellationToken.None), "test"));
            Assert.Equal([new LogEntry(ConnectFailed, LogLevel.Information, $"127.0.0.1:{writePort}: Connection refused")], log.Entries);
        }
        finally
        {
            monitor.Dispose();
        }
    }

    [Fact]
    public async Task Echo_mode_passes_against_an_echo_server()
    {
        var log = new RecordingLogger();
        using var server = new ScriptedEchoServer(EchoMode.Echo);
        using var monitor = OpenEcho(server.Port, log, LongTimeoutMs, TimeProvider.System);
        Assert.True(await Eventually.Within(monitor.TestAsync(CancellationToken.None), "test"));
        Assert.Equal([ConnectionOk], log.EventIds);
    }

    [Fact]
    public async Task Echo_mode_uses_a_fresh_connection_per_test_and_closes_it()
    {
        var log = new RecordingLogger();
        using var server = new ScriptedEchoServer(EchoMode.Echo);
        using var monitor = OpenEcho(server.Port, log, LongTimeoutMs, TimeProvider.System);
        Assert.True(await Eventually.Within(monitor.TestAsync(CancellationToken.None), "test 1"));
        Assert.True(await Eventually.Within(monitor.TestAsync(CancellationToken.None), "test 2"));
        Assert.Equal(2, server.Accepted);
        await Eventually.WaitUntilAsync(() => server.ClosedByPeer == 2, "both test connections closed");
    }

    [Fact]
    public async Task Echo_mode_silent_server_fails_after_two_io_timeouts()
    {
        var log = new RecordingLogger();
        using var server = new ScriptedEchoServer(EchoMode.Silent);
        using var monitor = OpenEcho(server.Port, log, ShortTimeoutMs, TimeProvider.System);
        Assert.False(await Eventually.Within(monitor.TestAsync(CancellationToken.None), "test"));
        Assert.Equal([IoPollTimeout, IoPollTimeout, TriedAndFailed], log.EventIds);
        Assert.Equal(new LogEntry(TriedAndFailed, LogLevel.Debug, "tried connection 3 times and failed"), log.Entries[2]);
    }

    [Fact]
    public async Task Echo_mode_corrupting_server_fails_after_two_mismatches_of_the_same_line()
    {
        // R48: the random number is drawn once per test, so the retry resends the same line.
        var log = new RecordingLogger();
        using var server = new ScriptedEchoServer(EchoMode.Corrupt);
        using var monitor = OpenEcho(server.Port, log, LongTimeoutMs, TimeProvider.System);
        Assert.False(await Eventually.Within(monitor.TestAsync(CancellationToken.None), "test"));
        Assert.Equal([NotWhatISent, NotWhatISent, TriedAndFailed], log.EventIds);
        string seen = Encoding.ASCII.GetString(server.Seen);
        string[] lines = seen.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Equal(lines[0], lines[1]);
        Assert.Equal(1, server.Accepted);
    }

    [Fact]
    public async Task Echo_mode_frozen_server_is_detected_by_the_injected_clock()
    {
        // Two read waits of T = 15 s on a manual clock: nothing but the clock ends them.
        var log = new RecordingLogger();
        var time = new TimerRecordingTimeProvider();
        using var server = new ScriptedEchoServer(EchoMode.Silent);
        using var monitor = OpenEcho(server.Port, log, (int)T.TotalMilliseconds, time);
        Task<bool> test = monitor.TestAsync(CancellationToken.None);
        int lineLength = monitor.BuildTestLine(new Random(1).Next()).Length;

        // Waits armed per attempt: the send's, then the receive's. Fire each receive's once the
        // server has the line, so the wait that times out is the read (R49 5.3).
        await FireWait(time, 1, () => server.Seen.Length >= lineLength);
        await FireWait(time, 3, () => server.Seen.Length >= 2 * lineLength);
        Assert.False(await Eventually.Within(test, "test"));
        Assert.Equal([IoPollTimeout, IoPollTimeout, TriedAndFailed], log.EventIds);
    }

    [Fact]
    public async Task Peer_dribbling_the_line_byte_by_byte_trips_the_black_hole_guard()
    {
        // R49 5.6: after more than 5 wake-ups each one pauses a second; after more than 10 the test
        // fails with "too many loops without data". One wake-up is the send, then one per byte.
        var log = new RecordingLogger();
        var time = new TimerRecordingTimeProvider();
        using var server = new ScriptedEchoServer(EchoMode.Dribble);
        using var monitor = OpenEcho(server.Port, log, (int)T.TotalMilliseconds, time);
        Task<bool> test = monitor.TestAsync(CancellationToken.None);

        int seen = 0;
        int pauses = 0;
        while (!test.IsCompleted)
        {
            await Eventually.WaitUntilAsync(() => time.Created.Count > seen || test.IsCompleted, "the next wait");
            if (test.IsCompleted) break;
            TimeSpan due = time.Created[seen++];
            if (seen == 1) continue; // the send's wait
            if (due == TimeSpan.FromSeconds(1))
            {
                pauses++;
                time.Clock.Advance(due); // end the guard's pause
            }
            else
            {
                server.SendNextByte(); // the monitor waits to read: let one byte through
            }
        }
        Assert.False(await test);
        Assert.Equal([TooManyLoops], log.EventIds);
        Assert.Equal(new LogEntry(TooManyLoops, LogLevel.Information, "too many loops without data"), log.Entries[0]);
        Assert.Equal(5, pauses); // wake-ups 7 to 11
    }

    [Fact]
    public async Task Cancelling_during_the_read_fails_the_test_with_an_interrupted_poll()
    {
        // R76: a signal during a test fails it; autossh logs EINTR from poll().
        var log = new RecordingLogger();
        var time = new TimerRecordingTimeProvider();
        var (relay, monitor) = OpenLoop(RelayMode.Swallow, log, (int)T.TotalMilliseconds, time: time);
        using var cancel = new CancellationTokenSource();
        try
        {
            Task<bool> test = monitor.TestAsync(cancel.Token);
            await Eventually.WaitUntilAsync(() => time.Created.Count == 3 && relay.Seen.Length > 0, "the monitor waits to read");
            cancel.Cancel();
            Assert.False(await Eventually.Within(test, "test"));
            Assert.Equal([new LogEntry(PollError, LogLevel.Debug, "error on poll: Interrupted system call")], log.Entries);
        }
        finally
        {
            monitor.Dispose();
            relay.Dispose();
        }
    }

    [Fact]
    public async Task Cancelling_while_waiting_for_the_read_connection_logs_an_accept_poll_error()
    {
        var log = new RecordingLogger();
        var time = new TimerRecordingTimeProvider();
        var (relay, monitor) = OpenLoop(RelayMode.NoReadConnection, log, (int)T.TotalMilliseconds, time: time);
        using var cancel = new CancellationTokenSource();
        try
        {
            Task<bool> test = monitor.TestAsync(cancel.Token);
            await Eventually.WaitUntilAsync(() => time.Created.Count == 1, "the monitor waits for the read connection");
            cancel.Cancel();
            Assert.False(await Eventually.Within(test, "test"));
            Assert.Equal(
                [new LogEntry(AcceptPollError, LogLevel.Error, "error polling to accept read connection: Interrupted system call")],
                log.Entries);
        }
        finally
        {
            monitor.Dispose();
            relay.Dispose();
        }
    }

    [Fact]
    public async Task Already_cancelled_test_returns_false_without_throwing()
    {
        var log = new RecordingLogger();
        using var server = new ScriptedEchoServer(EchoMode.Echo);
        using var monitor = OpenEcho(server.Port, log, ShortTimeoutMs, TimeProvider.System);
        Assert.False(await Eventually.Within(monitor.TestAsync(new CancellationToken(canceled: true)), "test"));
        Assert.Equal(
            [new LogEntry(ConnectFailed, LogLevel.Information, $"127.0.0.1:{server.Port}: Interrupted system call")],
            log.Entries);
    }

    [Fact]
    public async Task Listener_survives_a_cancelled_test_and_serves_the_next_one()
    {
        var log = new RecordingLogger();
        var (relay, monitor) = OpenLoop(RelayMode.Pass, log, LongTimeoutMs);
        try
        {
            Assert.False(await monitor.TestAsync(new CancellationToken(canceled: true)));
            Assert.True(await Eventually.Within(monitor.TestAsync(CancellationToken.None), "test"));
        }
        finally
        {
            monitor.Dispose();
            relay.Dispose();
        }
    }

    [Fact]
    public void Busy_read_port_is_reported_as_autossh_reports_it()
    {
        // R46: "bind on 127.0.0.1:<wp+1>: Address already in use", fatal for the caller.
        using var occupant = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        occupant.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        occupant.Listen(1);
        int readPort = ((IPEndPoint)occupant.LocalEndPoint!).Port;
        var log = new RecordingLogger();
        using var monitor = new AutosshMonitor(new MonitorSpec.Loop(readPort - 1), Program, Pid, "", 1000, log,
            TimeProvider.System, new Random(1), Node);

        string? failure = monitor.Open();

        Assert.Equal($"bind on 127.0.0.1:{readPort}: Address already in use", failure);
        Assert.Empty(log.Entries); // the caller logs it
    }

    [Fact]
    public void Read_port_is_not_shared_with_a_socket_that_asks_for_reuse()
    {
        // Only SO_REUSEADDR is set, as in autossh: a second process cannot bind wp+1 alongside us
        // (.NET's ReuseAddress would add SO_REUSEPORT and let it).
        var log = new RecordingLogger();
        var (relay, monitor) = OpenLoop(RelayMode.Pass, log, ShortTimeoutMs);
        try
        {
            using var intruder = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            intruder.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            var e = Assert.Throws<SocketException>(() => intruder.Bind(new IPEndPoint(IPAddress.Loopback, relay.WritePort + 1)));
            Assert.Equal(SocketError.AddressAlreadyInUse, e.SocketErrorCode);
        }
        finally
        {
            monitor.Dispose();
            relay.Dispose();
        }
    }

    [Theory]
    [InlineData(100, false)] // "testnode <100> 4242 <10 digits> <64>\r\n" is 192 bytes: fits with its NUL
    [InlineData(101, true)]  // 193 bytes: autossh's snprintf would truncate
    public void Test_line_that_cannot_fit_autossh_buffer_is_refused_at_open(int programNameLength, bool refused)
    {
        // R48: 193-byte buffer, checked with the longest random number; autossh fails fatally with
        // "conn_test: buffer overflow".
        using var monitor = new AutosshMonitor(new MonitorSpec.Echo(20000, 7), new string('p', programNameLength), Pid,
            new string('m', 64), 1000, new RecordingLogger(), TimeProvider.System, new Random(1), Node);
        Assert.Equal(refused ? "conn_test: buffer overflow" : null, monitor.Open());
    }

    [Fact]
    public void Monitoring_off_has_no_connection_test()
    {
        Assert.Throws<ArgumentException>(() => new AutosshMonitor(new MonitorSpec.Off(), Program, Pid, "", 1000,
            new RecordingLogger(), TimeProvider.System, new Random(1), Node));
    }

    [Fact]
    public async Task Testing_before_open_is_a_programming_error()
    {
        using var monitor = new AutosshMonitor(new MonitorSpec.Echo(20000, 7), Program, Pid, "", 1000,
            new RecordingLogger(), TimeProvider.System, new Random(1), Node);
        await Assert.ThrowsAsync<InvalidOperationException>(() => monitor.TestAsync(CancellationToken.None));
    }

    /// <summary>
    /// Fires the <paramref name="index"/>-th wait the monitor arms (0-based, in arming order) once
    /// it is armed and <paramref name="ready"/> holds. Earlier waits have ended and been disposed,
    /// so advancing the clock by T fires this one only.
    /// </summary>
    private static async Task FireWait(TimerRecordingTimeProvider time, int index, Func<bool>? ready = null)
    {
        await Eventually.WaitUntilAsync(() => time.Created.Count > index && (ready?.Invoke() ?? true), $"wait #{index} armed");
        Assert.Equal(T, time.Created[index]);
        time.Clock.Advance(T);
    }

    private static (LoopRelay Relay, AutosshMonitor Monitor) OpenLoop(RelayMode mode, RecordingLogger log,
        int netTimeoutMs, Random? random = null, string message = "", TimeProvider? time = null)
    {
        // The relay takes an OS-chosen wp; the monitor then needs wp+1, which may be taken: retry.
        for (int i = 0; i < 50; i++)
        {
            var relay = new LoopRelay(mode);
            if (relay.WritePort < 65535)
            {
                var monitor = new AutosshMonitor(new MonitorSpec.Loop(relay.WritePort), Program, Pid, message,
                    netTimeoutMs, log, time ?? TimeProvider.System, random ?? new Random(1), Node);
                if (monitor.Open() is null) return (relay, monitor);
                monitor.Dispose();
            }
            relay.Dispose();
        }
        throw new InvalidOperationException("No free pair of ports wp, wp+1 on 127.0.0.1.");
    }

    private static AutosshMonitor OpenEcho(int port, RecordingLogger log, int netTimeoutMs, TimeProvider time)
    {
        var monitor = new AutosshMonitor(new MonitorSpec.Echo(port, 7), Program, Pid, "", netTimeoutMs, log,
            time, new Random(1), Node);
        Assert.Null(monitor.Open());
        return monitor;
    }

    private static AutosshMonitor OpenWithNothingOnWritePort(bool loopMode, RecordingLogger log, out int writePort)
    {
        for (int i = 0; i < 50; i++)
        {
            using (var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
            {
                probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
                writePort = ((IPEndPoint)probe.LocalEndPoint!).Port;
            }
            if (writePort >= 65535) continue;
            MonitorSpec spec = loopMode ? new MonitorSpec.Loop(writePort) : new MonitorSpec.Echo(writePort, 7);
            var monitor = new AutosshMonitor(spec, Program, Pid, "", ShortTimeoutMs, log, TimeProvider.System,
                new Random(1), Node);
            if (monitor.Open() is null) return monitor;
            monitor.Dispose();
        }
        throw new InvalidOperationException("No free port on 127.0.0.1.");
    }
}
