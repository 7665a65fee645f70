using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using SshKeep.Logging;
using SshKeep.Tests.Fakes;

namespace SshKeep.Tests.Logging;

/// <summary>The provider end to end: DaemonLog methods in, bytes on "stderr" out.</summary>
public sealed class DaemonLogProviderTests
{
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 11, 22, 8, 24, 10, 123, TimeSpan.Zero));
    private readonly MemoryStream _stderr = new();

    [Fact]
    public void A_tunnel_event_is_one_text_line_with_the_tunnel_name_first()
    {
        using var provider = Provider(DaemonLogFormat.Text);
        var logger = provider.CreateLogger("SshKeep.Supervision");

        logger.SshExited("db", "status 255", TimeSpan.FromSeconds(192), TimeSpan.FromSeconds(4), 3);

        Assert.Equal("2026-11-22T08:24:10.123Z INFO  db: ssh exited with status 255 after 3m12s; restarting in 4s (attempt 3)\n", Output());
    }

    [Fact]
    public void Under_journald_the_line_starts_with_the_priority_and_has_no_time()
    {
        using var provider = Provider(DaemonLogFormat.Text, journal: true);
        var logger = provider.CreateLogger("x");

        logger.SshExited("db", "status 255", TimeSpan.FromSeconds(192), TimeSpan.FromSeconds(4), 3);
        logger.NeedsAttention("api", "authentication refused", "check identity_file and the server's authorized_keys", TimeSpan.FromMinutes(5));

        Assert.Equal(
            "<6>db: ssh exited with status 255 after 3m12s; restarting in 4s (attempt 3)\n" +
            "<3>api: needs attention: authentication refused; to fix: check identity_file and the server's authorized_keys; retrying in 5m00s meanwhile\n",
            Output());
    }

    [Fact]
    public void A_json_line_has_tunnel_event_and_every_structured_property()
    {
        using var provider = Provider(DaemonLogFormat.Json);

        provider.CreateLogger("x").SshExited("db", "status 255", TimeSpan.FromSeconds(192), TimeSpan.FromSeconds(4), 3);

        string output = Output();
        Assert.EndsWith("}\n", output, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal("2026-11-22T08:24:10.123Z", root.GetProperty("time").GetString());
        Assert.Equal("info", root.GetProperty("level").GetString());
        Assert.Equal("db", root.GetProperty("tunnel").GetString());
        Assert.Equal("SshExited", root.GetProperty("event").GetString());
        Assert.Equal(1102, root.GetProperty("eventId").GetInt32());
        Assert.Equal("ssh exited with status 255 after 3m12s; restarting in 4s (attempt 3)", root.GetProperty("message").GetString());
        Assert.Equal("status 255", root.GetProperty("exit").GetString());
        Assert.Equal(192, root.GetProperty("uptime").GetDouble());
        Assert.Equal(4, root.GetProperty("delay").GetDouble());
        Assert.Equal(3, root.GetProperty("attempt").GetInt32());
        Assert.Equal(
            ["time", "level", "tunnel", "event", "eventId", "message", "exit", "uptime", "delay", "attempt"],
            root.EnumerateObject().Select(p => p.Name));
    }

    [Theory]
    [InlineData(DaemonLogFormat.Text, false)]
    [InlineData(DaemonLogFormat.Text, true)]
    [InlineData(DaemonLogFormat.Json, false)]
    public void An_ssh_stderr_line_with_control_characters_stays_one_log_line(object formatRow, bool journal)
    {
        var format = (DaemonLogFormat)formatRow;
        using var provider = Provider(format, journal);
        string evil = "Permission denied\r\n2026-11-22T08:24:10.123Z INFO  web: up\u001b]0;pwned\a";

        provider.CreateLogger("x").SshStderr("db", evil);

        string output = Output();
        Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain('\r', output);
        Assert.DoesNotContain('\u001b', output);
        if (format == DaemonLogFormat.Json)
        {
            using var json = JsonDocument.Parse(output);
            Assert.Equal(evil, json.RootElement.GetProperty("line").GetString());
        }
        else
        {
            Assert.EndsWith("db: ssh: Permission denied\\r\\n2026-11-22T08:24:10.123Z INFO  web: up\\x1b]0;pwned\\x07\n", output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void An_event_of_the_daemon_as_a_whole_has_no_tunnel_prefix()
    {
        using var provider = Provider(DaemonLogFormat.Text);

        provider.CreateLogger("x").DaemonStopped(0);

        Assert.Equal("2026-11-22T08:24:10.123Z INFO  every tunnel is stopped; exiting with status 0\n", Output());
    }

    [Theory]
    [InlineData(LogLevel.Information, LogLevel.Debug, false)]
    [InlineData(LogLevel.Information, LogLevel.Information, true)]
    [InlineData(LogLevel.Information, LogLevel.Error, true)]
    [InlineData(LogLevel.Warning, LogLevel.Information, false)]
    [InlineData(LogLevel.Warning, LogLevel.Warning, true)]
    [InlineData(LogLevel.Trace, LogLevel.Trace, true)]
    [InlineData(LogLevel.Error, LogLevel.Critical, true)]
    [InlineData(LogLevel.Trace, LogLevel.None, false)]
    public void Events_below_the_log_level_are_not_written(LogLevel minimum, LogLevel level, bool written)
    {
        using var provider = Provider(DaemonLogFormat.Text, minimumLevel: minimum);
        var logger = provider.CreateLogger("x");

        logger.Log(level, new EventId(1, "E"), "m");

        Assert.Equal(written, logger.IsEnabled(level));
        Assert.Equal(written, Output().Length > 0);
    }

    [Fact]
    public async Task Concurrent_events_come_out_as_whole_lines()
    {
        using var provider = Provider(DaemonLogFormat.Json);
        var logger = provider.CreateLogger("x");
        const int Threads = 8, PerThread = 500;

        await Task.WhenAll(Enumerable.Range(0, Threads).Select(t => Task.Run(() =>
        {
            for (int i = 0; i < PerThread; i++) logger.SshStderr($"t{t}", $"line {i} of {t}: {new string('x', i % 97)}");
        })));

        string[] lines = Output().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(Threads * PerThread, lines.Length);
        var seen = new HashSet<string>();
        foreach (string line in lines)
        {
            using var json = JsonDocument.Parse(line);
            Assert.True(seen.Add(json.RootElement.GetProperty("line").GetString()!));
        }
    }

    [Fact]
    public void Non_ascii_text_is_written_as_utf8()
    {
        using var provider = Provider(DaemonLogFormat.Text);

        provider.CreateLogger("x").SshStderr("db", "héllo ✓ 𝄞");

        Assert.EndsWith("db: ssh: héllo ✓ 𝄞\n", Output(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_broken_stderr_loses_the_line_but_never_throws()
    {
        var closed = new MemoryStream();
        closed.Dispose();
        using var provider = new DaemonLoggerProvider(closed, new DaemonLogSettings { TimeProvider = _clock });

        provider.CreateLogger("x").SshStderr("db", "line");
        provider.CreateLogger("x").SshStderr("db", "and the next");
    }

    [Fact]
    public void After_dispose_nothing_is_written()
    {
        var provider = Provider(DaemonLogFormat.Text);
        var logger = provider.CreateLogger("x");
        provider.Dispose();

        logger.SshStderr("db", "late");

        Assert.Equal("", Output());
    }

    private DaemonLoggerProvider Provider(DaemonLogFormat format, bool journal = false, LogLevel minimumLevel = LogLevel.Information) =>
        new(_stderr, new DaemonLogSettings { TimeProvider = _clock, Format = format, Journal = journal, MinimumLevel = minimumLevel });

    private string Output() => Encoding.UTF8.GetString(_stderr.ToArray());
}
