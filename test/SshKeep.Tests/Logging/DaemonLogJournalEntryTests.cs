using System.Net.Sockets;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using SshKeep.Hooks;
using SshKeep.Logging;
using SshKeep.Tests.Fakes;

namespace SshKeep.Tests.Logging;

/// <summary>
/// The provider under journald: each event is one datagram to the journal's native socket (here
/// a socket bound in a temporary directory stands in for journald), and stderr gets the line only
/// when the socket did not take it (docs/observability.md "What journald gets").
/// </summary>
public sealed class DaemonLogJournalEntryTests : IDisposable
{
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 11, 22, 8, 24, 10, 123, TimeSpan.Zero));
    private readonly MemoryStream _stderr = new();
    private readonly SyslogListener _journald = new();

    [Fact]
    public async Task A_tunnel_event_is_one_entry_with_the_tunnel_as_a_field_and_nothing_on_stderr()
    {
        using (var provider = Provider(_journald.SocketPath))
        {
            provider.CreateLogger("x").SshExited("db", "status 255", TimeSpan.FromSeconds(192), TimeSpan.FromSeconds(4), 3);
        }

        Assert.Equal(
            "MESSAGE=db: ssh exited with status 255 after 3m12s; restarting in 4s (attempt 3)\n" +
            "PRIORITY=6\n" +
            "SYSLOG_IDENTIFIER=sshkeep\n" +
            "SSHKEEP_TUNNEL=db\n" +
            "SSHKEEP_EVENT=SshExited\n" +
            "SSHKEEP_EVENT_ID=1102\n",
            await ReceiveAsync());
        Assert.Equal(0, _journald.Pending);
        Assert.Equal("", Stderr());
    }

    [Fact]
    public async Task An_event_of_the_daemon_as_a_whole_is_an_entry_without_a_tunnel_field()
    {
        using (var provider = Provider(_journald.SocketPath))
        {
            provider.CreateLogger("x").DaemonStopped(0);
        }

        Assert.Equal(
            "MESSAGE=every tunnel is stopped; exiting with status 0\n" +
            "PRIORITY=6\n" +
            "SYSLOG_IDENTIFIER=sshkeep\n" +
            "SSHKEEP_EVENT=DaemonStopped\n" +
            "SSHKEEP_EVENT_ID=1003\n",
            await ReceiveAsync());
        Assert.Equal("", Stderr());
    }

    [Fact]
    public async Task A_newline_in_a_message_stays_escaped_and_a_stack_trace_goes_in_the_binary_form()
    {
        var exception = new InvalidOperationException("first line\nsecond line");
        using (var provider = Provider(_journald.SocketPath))
        {
            var logger = provider.CreateLogger("x");
            logger.SshStderr("db", "Permission denied\r\nINFO  web: up");
            logger.HttpFailed("GET", "/", exception);
        }

        Assert.Equal(
            "MESSAGE=db: ssh: Permission denied\\r\\nINFO  web: up\n" +
            "PRIORITY=6\n" +
            "SYSLOG_IDENTIFIER=sshkeep\n" +
            "SSHKEEP_TUNNEL=db\n" +
            "SSHKEEP_EVENT=SshStderr\n" +
            "SSHKEEP_EVENT_ID=1200\n",
            await ReceiveAsync());
        string trace = exception.ToString();
        Assert.Contains('\n', trace);
        byte[] traceBytes = Encoding.UTF8.GetBytes(trace);
        byte[] expected =
        [
            .. Encoding.UTF8.GetBytes(
                "MESSAGE=GET / failed; answered 500 and going on: first line\\nsecond line\n" +
                "PRIORITY=3\n" +
                "SYSLOG_IDENTIFIER=sshkeep\n" +
                "SSHKEEP_EVENT=HttpFailed\n" +
                "SSHKEEP_EVENT_ID=1504\n" +
                "SSHKEEP_EXCEPTION\n"),
            .. BitConverter.GetBytes((ulong)traceBytes.Length),
            .. traceBytes,
            (byte)'\n',
        ];
        Assert.True(BitConverter.IsLittleEndian);
        Assert.Equal(expected, await _journald.ReceiveBytesAsync());
        Assert.Equal("", Stderr());
    }

    [Fact]
    public async Task A_json_event_is_an_entry_whose_message_is_the_json_line()
    {
        using (var provider = Provider(_journald.SocketPath, DaemonLogFormat.Json))
        {
            provider.CreateLogger("x").NeedsAttention("api", "authentication refused", "check identity_file", TimeSpan.FromMinutes(5));
        }

        string[] fields = (await ReceiveAsync()).Split('\n');
        Assert.StartsWith("MESSAGE={\"time\":\"2026-11-22T08:24:10.123Z\",\"level\":\"error\",\"tunnel\":\"api\"", fields[0], StringComparison.Ordinal);
        using (JsonDocument.Parse(fields[0]["MESSAGE=".Length..])) { }
        Assert.Equal(["PRIORITY=3", "SYSLOG_IDENTIFIER=sshkeep", "SSHKEEP_TUNNEL=api", "SSHKEEP_EVENT=NeedsAttention", "SSHKEEP_EVENT_ID=1130", ""], fields[1..]);
        Assert.Equal("", Stderr());
    }

    /// <summary>Every event of the daemon's catalogue, hooks and the control socket included.</summary>
    public static TheoryData<string> EventNames => [.. CatalogueEvents().Select(m => m.DeclaringType!.Name + "." + m.Name)];

    [Theory]
    [MemberData(nameof(EventNames))]
    public async Task Every_event_of_a_tunnel_carries_the_tunnel_as_a_field_and_every_event_its_name_and_id(string name)
    {
        var method = CatalogueEvents().Single(m => m.DeclaringType!.Name + "." + m.Name == name);
        var attribute = method.GetCustomAttribute<LoggerMessageAttribute>()!;
        using (var provider = new DaemonLoggerProvider(_stderr, new DaemonLogSettings
               {
                   TimeProvider = _clock, MinimumLevel = LogLevel.Trace, Journal = true, JournalSocketPath = _journald.SocketPath,
               }))
        {
            var logger = provider.CreateLogger("x");
            var parameters = method.GetParameters().Skip(1).ToList();
            // ControlLog.ControlRequestReceived takes its level as an argument.
            method.Invoke(null, [logger, .. parameters.Select(p => p.ParameterType == typeof(LogLevel) ? LogLevel.Information : DaemonLogCatalogueTests.Sample(p))]);
        }

        var fields = (await ReceiveAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(f => !f.StartsWith("SSHKEEP_EXCEPTION", StringComparison.Ordinal) && f.Contains('=', StringComparison.Ordinal))
            .Select(f => f.Split('=', 2)).ToDictionary(f => f[0], f => f[1]);
        bool perTunnel = method.GetParameters()[1].Name == "tunnel";
        Assert.Equal(perTunnel ? "sample-tunnel" : null, fields.GetValueOrDefault("SSHKEEP_TUNNEL"));
        Assert.Equal(method.Name, fields["SSHKEEP_EVENT"]);
        Assert.Equal(attribute.EventId.ToString(System.Globalization.CultureInfo.InvariantCulture), fields["SSHKEEP_EVENT_ID"]);
        Assert.Equal("sshkeep", fields["SYSLOG_IDENTIFIER"]);
        Assert.Equal(perTunnel, fields["MESSAGE"].StartsWith("sample-tunnel: ", StringComparison.Ordinal));
        Assert.Equal("", Stderr());
    }

    [Fact]
    public void Without_a_journal_socket_the_line_goes_to_stderr_with_its_priority()
    {
        using (var provider = Provider(Path.Combine(Path.GetDirectoryName(_journald.SocketPath)!, "absent")))
        {
            provider.CreateLogger("x").SshExited("db", "status 255", TimeSpan.FromSeconds(192), TimeSpan.FromSeconds(4), 3);
            provider.CreateLogger("x").DaemonStopped(0);
        }

        Assert.Equal(
            "<6>db: ssh exited with status 255 after 3m12s; restarting in 4s (attempt 3)\n" +
            "<6>every tunnel is stopped; exiting with status 0\n",
            Stderr());
    }

    [Fact]
    public void When_nobody_listens_on_the_journal_socket_the_line_goes_to_stderr()
    {
        // A socket file whose journald is gone: the send is refused (ECONNREFUSED). The file is
        // moved before the socket closes, because .NET removes the path it bound when it closes.
        string directory = Path.GetDirectoryName(_journald.SocketPath)!;
        string stale = Path.Combine(directory, "stale");
        using (var bound = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified))
        {
            bound.Bind(new UnixDomainSocketEndPoint(Path.Combine(directory, "bound")));
            File.Move(Path.Combine(directory, "bound"), stale);
        }
        Assert.True(File.Exists(stale));

        using (var provider = Provider(stale, DaemonLogFormat.Json))
        {
            provider.CreateLogger("x").SshExited("db", "status 255", TimeSpan.FromSeconds(192), TimeSpan.FromSeconds(4), 3);
        }

        string line = Stderr();
        Assert.EndsWith("}\n", line, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(line);
        Assert.Equal("db", json.RootElement.GetProperty("tunnel").GetString());
    }

    [Fact]
    public async Task When_the_journal_queue_is_full_the_rest_go_to_stderr_without_blocking()
    {
        // Nobody reads the socket, so the queue fills (the sender's buffer, net.unix.max_dgram_qlen)
        // and further sends fail with EAGAIN: a blocking send would hang here. Events go on until
        // one has gone to stderr, and ten more after it; the cap only stops a broken test.
        const int Cap = 1_000_000;
        int events = 0;
        using (var provider = Provider(_journald.SocketPath))
        {
            var logger = provider.CreateLogger("x");
            while (_stderr.Length == 0 && events < Cap) logger.SshStderr("db", $"line {events++}");
            for (int i = 0; i < 10; i++) logger.SshStderr("db", $"line {events++}");
        }

        var seen = new List<int>();
        while (_journald.Pending > 0)
        {
            string entry = await ReceiveAsync();
            seen.Add(int.Parse(entry["MESSAGE=db: ssh: line ".Length..entry.IndexOf('\n', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture));
        }
        string[] lines = Stderr().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(seen);
        Assert.NotEmpty(lines);
        foreach (string line in lines)
        {
            Assert.StartsWith("<6>db: ssh: line ", line, StringComparison.Ordinal);
            seen.Add(int.Parse(line["<6>db: ssh: line ".Length..], System.Globalization.CultureInfo.InvariantCulture));
        }
        seen.Sort();
        Assert.Equal(Enumerable.Range(0, events), seen);
    }

    public void Dispose()
    {
        _journald.Dispose();
        _stderr.Dispose();
    }

    private DaemonLoggerProvider Provider(string socketPath, DaemonLogFormat format = DaemonLogFormat.Text) =>
        new(_stderr, new DaemonLogSettings { TimeProvider = _clock, Format = format, Journal = true, JournalSocketPath = socketPath });

    private static IEnumerable<MethodInfo> CatalogueEvents() =>
        new[] { typeof(DaemonLog), typeof(HooksLog), typeof(SshKeep.Daemon.ControlLog) }
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static))
            .Where(m => m.GetCustomAttribute<LoggerMessageAttribute>() is not null);

    private async Task<string> ReceiveAsync() => Encoding.UTF8.GetString(await _journald.ReceiveBytesAsync());

    private string Stderr() => Encoding.UTF8.GetString(_stderr.ToArray());
}
