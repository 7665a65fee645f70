using Microsoft.Extensions.Logging;
using SshKeep.Compat;
using SshKeep.Tests.Fakes;
using SshKeep.Tests.Logging;

namespace SshKeep.Tests.Compat;

/// <summary>Logging to syslog as glibc does for autossh (spec R84), observed on a private socket.</summary>
public sealed class SyslogLoggingTests
{
    // ManualTimeProvider's local zone is UTC.
    private static readonly DateTimeOffset At = new(2026, 11, 22, 8, 24, 10, TimeSpan.Zero);

    [Fact]
    public async Task Info_line_is_one_datagram_with_facility_user_local_time_and_pid()
    {
        using var syslog = new SyslogListener();
        using var provider = Syslog(syslog, new ManualTimeProvider(At), pid: 11918);
        provider.CreateLogger("any").StartingSsh(1);
        Assert.Equal("<14>Nov 22 08:24:10 autossh[11918]: starting ssh (count 1)", await syslog.ReceiveAsync());
    }

    [Theory]
    [InlineData(LogLevel.Critical, "<10>")]
    [InlineData(LogLevel.Error, "<11>")]
    [InlineData(LogLevel.Warning, "<12>")]
    [InlineData(LogLevel.Information, "<14>")]
    [InlineData(LogLevel.Debug, "<15>")]
    [InlineData(LogLevel.Trace, "<15>")]
    public async Task Priority_is_LOG_USER_plus_the_syslog_severity(LogLevel level, string priority)
    {
        using var syslog = new SyslogListener();
        using var provider = Syslog(syslog, new ManualTimeProvider(At), pid: 7, logLevel: 7);
        provider.CreateLogger("any").Log(level, "text");
        Assert.Equal($"{priority}Nov 22 08:24:10 autossh[7]: text", await syslog.ReceiveAsync());
    }

    [Fact]
    public async Task Single_digit_day_is_padded_with_a_space()
    {
        using var syslog = new SyslogListener();
        using var provider = Syslog(syslog, new ManualTimeProvider(new DateTimeOffset(2026, 3, 2, 7, 5, 9, TimeSpan.Zero)), pid: 1);
        provider.CreateLogger("any").PortDown();
        Assert.Equal("<14>Mar  2 07:05:09 autossh[1]: port down, restarting ssh", await syslog.ReceiveAsync());
    }

    [Fact]
    public async Task Timestamp_is_in_the_clock_local_time_zone()
    {
        TimeZoneInfo plusTwo = TimeZoneInfo.CreateCustomTimeZone("test+2", TimeSpan.FromHours(2), "test+2", "test+2");
        using var syslog = new SyslogListener();
        using var provider = Syslog(syslog, new ZonedTimeProvider(At, plusTwo), pid: 1);
        provider.CreateLogger("any").PortDown();
        Assert.StartsWith("<14>Nov 22 10:24:10 ", await syslog.ReceiveAsync());
    }

    [Fact]
    public async Task Pid_is_read_for_every_message_because_it_changes_after_detaching()
    {
        int pid = 100;
        using var syslog = new SyslogListener();
        using var provider = new AutosshLoggerProvider(new SyslogLogTarget("autossh", () => pid, new ManualTimeProvider(At), syslog.SocketPath), 6);
        ILogger logger = provider.CreateLogger("any");
        logger.StartupNotice("port set to 0, monitoring disabled");
        pid = 200;
        logger.StartingSsh(1);
        Assert.EndsWith("autossh[100]: port set to 0, monitoring disabled", await syslog.ReceiveAsync());
        Assert.EndsWith("autossh[200]: starting ssh (count 1)", await syslog.ReceiveAsync());
    }

    [Fact]
    public async Task Lines_logged_before_openlog_carry_no_pid()
    {
        // R84: the variable errors are logged before openlog(), so without LOG_PID.
        using var syslog = new SyslogListener();
        using var provider = AutosshLoggerProvider.Create("autossh", null, null, new StringWriter(), new ManualTimeProvider(At), syslog.SocketPath);
        provider.CreateLogger("any").StartupError("invalid poll time \"x\"");
        Assert.Equal("<11>Nov 22 08:24:10 autossh: invalid poll time \"x\"", await syslog.ReceiveAsync());
    }

    [Fact]
    public void Missing_syslog_socket_drops_the_message_silently()
    {
        using var dir = new TempDirectory();
        var stderr = new StringWriter();
        using var provider = AutosshLoggerProvider.Create("autossh", new CompatEnvironment(Debug: true), null, stderr,
            new ManualTimeProvider(At), dir.File("no-such-socket"));
        provider.CreateLogger("any").PortDown();
        // glibc writes the LOG_PERROR copy even when syslog is unreachable.
        Assert.Equal($"autossh[{Environment.ProcessId}]: port down, restarting ssh\n", stderr.ToString());
    }

    [Fact]
    public async Task Syslog_socket_that_appears_later_is_used_from_then_on()
    {
        using var dir = new TempDirectory();
        string path = dir.File("log");
        using var provider = new AutosshLoggerProvider(new SyslogLogTarget("autossh", () => 5, new ManualTimeProvider(At), path), 6);
        ILogger logger = provider.CreateLogger("any");
        logger.PortDown();

        using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix,
            System.Net.Sockets.SocketType.Dgram, System.Net.Sockets.ProtocolType.Unspecified);
        socket.Bind(new System.Net.Sockets.UnixDomainSocketEndPoint(path));
        logger.StartingSsh(2);

        var buffer = new byte[1024];
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        int n = await socket.ReceiveAsync(buffer, System.Net.Sockets.SocketFlags.None, deadline.Token);
        Assert.Equal("<14>Nov 22 08:24:10 autossh[5]: starting ssh (count 2)", System.Text.Encoding.UTF8.GetString(buffer, 0, n));
        Assert.Equal(0, socket.Available);
    }

    [Fact]
    public async Task Debug_copies_each_line_to_stderr_in_glibc_perror_format()
    {
        using var syslog = new SyslogListener();
        var stderr = new StringWriter();
        using var provider = AutosshLoggerProvider.Create("autossh", new CompatEnvironment(Debug: true, LogLevel: 7), null, stderr,
            new ManualTimeProvider(At), syslog.SocketPath);
        ILogger logger = provider.CreateLogger("any");
        logger.StartupNotice("port set to 0, monitoring disabled");
        logger.CheckingGracePeriod(0);

        // As the Debian binary prints under AUTOSSH_DEBUG=1.
        var pid = Environment.ProcessId;
        Assert.Equal(
            $"autossh[{pid}]: port set to 0, monitoring disabled\n" +
            $"autossh[{pid}]: checking for grace period, tries = 0\n",
            stderr.ToString());
        Assert.Equal($"<14>Nov 22 08:24:10 autossh[{pid}]: port set to 0, monitoring disabled", await syslog.ReceiveAsync());
        Assert.Equal($"<15>Nov 22 08:24:10 autossh[{pid}]: checking for grace period, tries = 0", await syslog.ReceiveAsync());
    }

    [Fact]
    public async Task Without_debug_nothing_goes_to_stderr()
    {
        using var syslog = new SyslogListener();
        var stderr = new StringWriter();
        using var provider = AutosshLoggerProvider.Create("autossh", new CompatEnvironment(), null, stderr,
            new ManualTimeProvider(At), syslog.SocketPath);
        provider.CreateLogger("any").PortDown();
        await syslog.ReceiveAsync();
        Assert.Equal("", stderr.ToString());
    }

    [Fact]
    public void Filtered_lines_are_not_copied_to_stderr_either()
    {
        using var syslog = new SyslogListener();
        var stderr = new StringWriter();
        using var provider = AutosshLoggerProvider.Create("autossh", new CompatEnvironment(LogLevel: 6, Debug: true), null, stderr,
            new ManualTimeProvider(At), syslog.SocketPath);
        provider.CreateLogger("any").ConnectionOk();
        Assert.Equal("", stderr.ToString());
        Assert.Equal(0, syslog.Pending);
    }

    [Fact]
    public void Datagram_format_matches_glibc_for_a_stderr_copy_that_already_ends_in_a_newline()
    {
        // glibc's LOG_PERROR adds "\n" only when the message lacks one.
        Assert.Equal("autossh[1]: a\n", SyslogLogTarget.FormatPerror("autossh", 1, "a\n"));
        var stderr = new StringWriter();
        using var target = new SyslogLogTarget("autossh", () => 1, new ManualTimeProvider(At),
            "/nonexistent/sshkeep/log", stderr);
        target.Write(6, "a\n");
        Assert.Equal("autossh[1]: a\n", stderr.ToString());
    }

    private static AutosshLoggerProvider Syslog(SyslogListener syslog, TimeProvider time, int pid, int logLevel = 6) =>
        new(new SyslogLogTarget("autossh", () => pid, time, syslog.SocketPath), logLevel);
}
