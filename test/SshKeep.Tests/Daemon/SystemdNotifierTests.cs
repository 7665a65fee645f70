using System.Diagnostics;
using SshKeep.Daemon;
using SshKeep.Tests.Fakes;


namespace SshKeep.Tests.Daemon;

/// <summary>sd_notify against a real datagram socket: the exact bytes systemd would read.</summary>
public sealed class SystemdNotifierTests
{
    public static TheoryData<string, string> Messages => new()
    {
        { "Status", "STATUS=3/4 up; db: backoff 4s" },
        { "Reloading", "RELOADING=1\nMONOTONIC_USEC=123456789" },
        { "ExtendTimeout", "EXTEND_TIMEOUT_USEC=45000000" },
    };

    [Theory]
    [MemberData(nameof(Messages))]
    public void Each_notification_is_one_datagram_with_the_exact_assignments(string method, string expected)
    {
        using var listener = new NotifySocketListener();
        using var notifier = new SystemdNotifier(listener.NotifySocket, new RecordingLogger(), () => 123456789);

        bool sent = method switch
        {
            "Status" => notifier.Status("3/4 up; db: backoff 4s"),
            "Reloading" => notifier.Reloading(),
            "ExtendTimeout" => notifier.ExtendTimeout(TimeSpan.FromSeconds(45)),
            _ => throw new ArgumentOutOfRangeException(nameof(method)),
        };

        Assert.True(sent);
        Assert.Equal([expected], listener.Drain());
    }

    [Fact]
    public void An_abstract_address_is_reached_when_NOTIFY_SOCKET_starts_with_an_at_sign()
    {
        using var listener = new NotifySocketListener(abstractAddress: true);
        using var notifier = new SystemdNotifier(listener.NotifySocket, new RecordingLogger());

        Assert.StartsWith("@", listener.NotifySocket, StringComparison.Ordinal);
        Assert.True(notifier.Send("READY=1"));
        Assert.Equal(["READY=1"], listener.Drain());
    }

    [Fact]
    public async Task Messages_arrive_in_the_order_they_were_sent()
    {
        using var listener = new NotifySocketListener();
        using var notifier = new SystemdNotifier(listener.NotifySocket, new RecordingLogger(), () => 1);

        notifier.Status("0/1 up; web: starting");
        notifier.Send("READY=1\nSTATUS=1/1 up");
        notifier.Send("WATCHDOG=1");
        notifier.Send("STOPPING=1");

        Assert.Equal("STATUS=0/1 up; web: starting", await listener.ReceiveAsync());
        Assert.Equal("READY=1\nSTATUS=1/1 up", await listener.ReceiveAsync());
        Assert.Equal("WATCHDOG=1", await listener.ReceiveAsync());
        Assert.Equal("STOPPING=1", await listener.ReceiveAsync());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Without_NOTIFY_SOCKET_the_notifier_is_off_and_sends_nothing(string? value)
    {
        var logger = new RecordingLogger();
        using var notifier = new SystemdNotifier(value, logger);

        Assert.False(notifier.IsEnabled);
        Assert.False(notifier.Send("READY=1"));
        Assert.False(notifier.Status("x"));
        Assert.Empty(logger.Entries);
    }

    [Theory]
    [InlineData("relative/path")]
    [InlineData("vsock:2:1234")]
    [InlineData("@")]
    [InlineData("/")]
    public void An_address_sd_notify_would_not_use_turns_the_notifier_off_with_one_warning(string value)
    {
        var logger = new RecordingLogger();
        using var notifier = new SystemdNotifier(value, logger);

        Assert.False(notifier.IsEnabled);
        Assert.False(notifier.Send("READY=1"));
        Assert.Equal([1301], logger.EventIds);
    }

    [Fact]
    public void A_socket_path_longer_than_sun_path_turns_the_notifier_off_with_one_warning()
    {
        var logger = new RecordingLogger();
        using var notifier = new SystemdNotifier("/" + new string('x', 200), logger);

        Assert.False(notifier.IsEnabled);
        Assert.Equal([1301], logger.EventIds);
    }

    [Fact]
    public void A_send_that_fails_returns_false_never_throws_and_is_logged_once()
    {
        using var listener = new NotifySocketListener();
        string missing = listener.SocketPath + "-gone";
        var logger = new RecordingLogger();
        using var notifier = new SystemdNotifier(missing, logger);

        Assert.True(notifier.IsEnabled);
        Assert.False(notifier.Send("READY=1"));
        Assert.False(notifier.Send("WATCHDOG=1"));
        Assert.False(notifier.Status("x"));

        Assert.Equal([1300], logger.EventIds);
        Assert.Contains(missing, logger.Entries[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sending_works_again_once_the_socket_is_back()
    {
        string directory = Directory.CreateTempSubdirectory("sshkeep-n-").FullName;
        try
        {
            string path = Path.Combine(directory, "notify");
            using var notifier = new SystemdNotifier(path, new RecordingLogger());
            Assert.False(notifier.Send("WATCHDOG=1"));

            using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix,
                System.Net.Sockets.SocketType.Dgram, System.Net.Sockets.ProtocolType.Unspecified);
            socket.Bind(new System.Net.Sockets.UnixDomainSocketEndPoint(path));

            Assert.True(notifier.Send("WATCHDOG=1"));
            Assert.True(socket.Available > 0);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Status_text_is_kept_on_one_line_so_it_cannot_smuggle_other_assignments()
    {
        using var listener = new NotifySocketListener();
        using var notifier = new SystemdNotifier(listener.NotifySocket, new RecordingLogger());

        notifier.Status("1/2 up; api: needs-attention (evil\nREADY=1\r\x1b[31m)");

        Assert.Equal(["STATUS=1/2 up; api: needs-attention (evil READY=1  [31m)"], listener.Drain());
    }

    [Fact]
    public void Status_text_longer_than_the_limit_is_cut_with_an_ellipsis()
    {
        string value = SystemdNotifier.StatusValue(new string('a', 500));

        Assert.Equal(SystemdNotifier.MaxStatusLength, value.Length);
        Assert.EndsWith("a…", value, StringComparison.Ordinal);
    }

    [Fact]
    public void After_dispose_nothing_is_sent()
    {
        using var listener = new NotifySocketListener();
        var notifier = new SystemdNotifier(listener.NotifySocket, new RecordingLogger());
        notifier.Dispose();

        Assert.False(notifier.Send("READY=1"));
        Assert.Equal(0, listener.Pending);
    }

    [Theory]
    [InlineData("/run/systemd/notify", "/run/systemd/notify")]
    [InlineData("@/org/freedesktop/systemd1/notify/123", "\0/org/freedesktop/systemd1/notify/123")]
    [InlineData("@x", "\0x")]
    [InlineData("@", null)]
    [InlineData("/", null)]
    [InlineData("run/notify", null)]
    [InlineData("vsock:2:1234", null)]
    public void NOTIFY_SOCKET_is_read_as_a_path_or_an_abstract_address(string value, string? expected)
    {
        Assert.Equal(expected, SystemdNotifier.EndpointPath(value));
    }

    [Fact]
    public void Reloading_carries_CLOCK_MONOTONIC_in_microseconds()
    {
        // .NET's Stopwatch reads CLOCK_MONOTONIC on Linux; the two readings must agree closely
        // (a wrong clock, such as CLOCK_REALTIME or milliseconds, is off by years or by 1000×).
        long before = Stopwatch.GetTimestamp();
        long ours = SystemdNotifier.MonotonicMicroseconds();
        long after = Stopwatch.GetTimestamp();

        double ToMicroseconds(long ticks) => ticks * 1_000_000.0 / Stopwatch.Frequency;
        Assert.InRange(ours, ToMicroseconds(before) - 1_000_000, ToMicroseconds(after) + 1_000_000);
    }
}
