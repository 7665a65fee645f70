using System.Text.Json;
using Microsoft.Extensions.Logging;
using SshKeep.Logging;
using SshKeep.Supervision;


namespace SshKeep.Tests.Logging;

/// <summary>The text, journald and JSON lines, entry by entry.</summary>
public sealed class DaemonLogFormatterTests
{
    private static readonly DateTimeOffset Time = new(2026, 11, 22, 8, 24, 10, 123, TimeSpan.Zero);

    [Theory]
    [InlineData(LogLevel.Information, "db", "ssh exited with status 255 after 3m12s; restarting in 4s (attempt 3)",
        "2026-11-22T08:24:10.123Z INFO  db: ssh exited with status 255 after 3m12s; restarting in 4s (attempt 3)")]
    [InlineData(LogLevel.Warning, "web", "probe failed", "2026-11-22T08:24:10.123Z WARN  web: probe failed")]
    [InlineData(LogLevel.Error, "api", "needs attention", "2026-11-22T08:24:10.123Z ERROR api: needs attention")]
    [InlineData(LogLevel.Critical, null, "bug", "2026-11-22T08:24:10.123Z CRIT  bug")]
    [InlineData(LogLevel.Debug, "db", "d", "2026-11-22T08:24:10.123Z DEBUG db: d")]
    [InlineData(LogLevel.Trace, "db", "t", "2026-11-22T08:24:10.123Z TRACE db: t")]
    // the daemon as a whole: no name
    [InlineData(LogLevel.Information, null, "sshkeep 1.0 starting 3 tunnels", "2026-11-22T08:24:10.123Z INFO  sshkeep 1.0 starting 3 tunnels")]
    // one event, one line, whatever ssh printed
    [InlineData(LogLevel.Information, "db", "ssh: banner\nFAKE 2026 INFO  web: up\u001b[2J",
        "2026-11-22T08:24:10.123Z INFO  db: ssh: banner\\nFAKE 2026 INFO  web: up\\x1b[2J")]
    public void Text_lines_start_with_utc_time_level_and_tunnel(LogLevel level, string? tunnel, string message, string expected)
    {
        Assert.Equal(expected, FormatText(new DaemonLogEntry(Time, level, new EventId(1), tunnel, message), journal: false));
    }

    [Theory]
    [InlineData(LogLevel.Critical, "db", "m", "<2>db: m")]
    [InlineData(LogLevel.Error, "db", "m", "<3>db: m")]
    [InlineData(LogLevel.Warning, "db", "m", "<4>db: m")]
    [InlineData(LogLevel.Information, "db", "m", "<6>db: m")]
    [InlineData(LogLevel.Debug, "db", "m", "<7>db: m")]
    [InlineData(LogLevel.Trace, "db", "m", "<7>db: m")]
    [InlineData(LogLevel.Information, null, "ready", "<6>ready")]
    [InlineData(LogLevel.Information, "db", "ssh: a\nb", "<6>db: ssh: a\\nb")]
    public void Journald_lines_carry_the_syslog_priority_and_no_timestamp(LogLevel level, string? tunnel, string message, string expected)
    {
        Assert.Equal(expected, FormatText(new DaemonLogEntry(Time, level, new EventId(1), tunnel, message), journal: true));
    }

    [Fact]
    public void Text_line_adds_an_exception_message_on_the_same_line()
    {
        var entry = new DaemonLogEntry(Time, LogLevel.Critical, new EventId(1004, "DaemonFailed"), null,
            "control socket died; stopping every tunnel and exiting with status 1", Exception: new IOException("Broken\npipe"));

        Assert.Equal("2026-11-22T08:24:10.123Z CRIT  control socket died; stopping every tunnel and exiting with status 1: Broken\\npipe",
            FormatText(entry, journal: false));
    }

    [Fact]
    public void Json_line_has_the_fixed_fields_then_every_structured_property()
    {
        var entry = new DaemonLogEntry(Time, LogLevel.Information, new EventId(1102, "SshExited"), "db",
            "ssh exited with status 255 after 3m12s; restarting in 4s (attempt 3)",
        [
            new("tunnel", "db"),
            new("Exit", "status 255"),
            new("Uptime", new DaemonDuration(TimeSpan.FromSeconds(192))),
            new("Delay", new DaemonDuration(TimeSpan.FromSeconds(4))),
            new("Attempt", 3),
            new("{OriginalFormat}", "ssh exited with {Exit} after {Uptime}; restarting in {Delay} (attempt {Attempt})"),
        ]);

        string line = FormatJson(entry);

        Assert.Equal(
            """{"time":"2026-11-22T08:24:10.123Z","level":"info","tunnel":"db","event":"SshExited","eventId":1102,"message":"ssh exited with status 255 after 3m12s; restarting in 4s (attempt 3)","exit":"status 255","uptime":192,"delay":4,"attempt":3}""",
            line);
    }

    public static TheoryData<object?, string> Values => new()
    {
        { null, "null" },
        { "text", "\"text\"" },
        { true, "true" },
        { 42, "42" },
        { 42L, "42" },
        { 1.5, "1.5" },
        { double.NaN, "\"NaN\"" },
        { new DaemonDuration(TimeSpan.FromSeconds(1.5)), "1.5" },
        { TimeSpan.FromMinutes(2), "120" },
        { TunnelState.WaitingForRemotePort, "\"waiting-for-remote-port\"" },
        { new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.Zero), "\"2026-11-22T08:00:00+00:00\"" },
        { new Uri("http://x/"), "\"http://x/\"" },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void Json_property_values_keep_their_kind(object? value, string json)
    {
        var entry = new DaemonLogEntry(Time, LogLevel.Information, new EventId(1, "E"), null, "m", [new("Value", value)]);

        string line = FormatJson(entry);

        Assert.EndsWith($",\"value\":{json}}}", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_line_of_the_daemon_as_a_whole_has_a_null_tunnel()
    {
        var entry = new DaemonLogEntry(Time, LogLevel.Information, new EventId(1003, "DaemonStopped"), null,
            "every tunnel is stopped; exiting with status 0", [new("ExitCode", 0)]);

        using var json = JsonDocument.Parse(FormatJson(entry));

        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("tunnel").ValueKind);
        Assert.Equal(0, json.RootElement.GetProperty("exitCode").GetInt32());
    }

    [Theory]
    [InlineData("ssh: a\nb")]
    [InlineData("ssh: \r\u001b[31mred\u001b[0m\t\0")]
    [InlineData("ssh: csi\u009b31m ls\u2028ps\u2029")]
    [InlineData("ssh: quote \" backslash \\ héllo ✓ <tag> & 'x'")]
    public void Json_lines_are_one_line_and_give_back_the_exact_text(string message)
    {
        var entry = new DaemonLogEntry(Time, LogLevel.Information, new EventId(1200, "SshStderr"), "db", message,
            [new("tunnel", "db"), new("Line", message[5..])]);

        string line = FormatJson(entry);

        Assert.DoesNotContain(line, c => c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f) || c == '\u2028' || c == '\u2029');
        using var json = JsonDocument.Parse(line);
        Assert.Equal(message, json.RootElement.GetProperty("message").GetString());
        Assert.Equal(message[5..], json.RootElement.GetProperty("line").GetString());
    }

    [Fact]
    public void Json_line_carries_the_whole_exception()
    {
        var entry = new DaemonLogEntry(Time, LogLevel.Critical, new EventId(1004, "DaemonFailed"), null, "m",
            Exception: new InvalidOperationException("boom"));

        using var json = JsonDocument.Parse(FormatJson(entry));

        Assert.StartsWith("System.InvalidOperationException: boom", json.RootElement.GetProperty("exception").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Attempt", "attempt")]
    [InlineData("HeldRemotePort", "heldRemotePort")]
    [InlineData("line", "line")]
    // a structured value never overwrites a fixed field
    [InlineData("Message", "_message")]
    [InlineData("Time", "_time")]
    [InlineData("Level", "_level")]
    [InlineData("Event", "_event")]
    [InlineData("EventId", "_eventId")]
    [InlineData("Exception", "_exception")]
    [InlineData("Tunnel", "_tunnel")]
    public void Json_property_names_are_camel_case_and_never_collide_with_fixed_fields(string key, string expected)
    {
        Assert.Equal(expected, DaemonLogFormatter.JsonPropertyName(key));
    }

    [Theory]
    [InlineData(TunnelState.WaitingForRemotePort, "waiting-for-remote-port")]
    [InlineData(TunnelState.Up, "up")]
    [InlineData(SshKeep.Config.ReadyWhen.AllUp, "all-up")]
    [InlineData(SshKeep.Config.ReadyWhen.FirstAttempt, "first-attempt")]
    public void Enum_names_are_written_as_in_status_json(object value, string expected)
    {
        var entry = new DaemonLogEntry(Time, LogLevel.Information, new EventId(1, "E"), null, "m", [new("Value", value)]);

        Assert.EndsWith($",\"value\":\"{expected}\"}}", FormatJson(entry), StringComparison.Ordinal);
    }

    private static string FormatText(in DaemonLogEntry entry, bool journal)
    {
        var builder = new System.Text.StringBuilder(128);
        DaemonLogFormatter.AppendText(builder, entry, journal);
        return builder.ToString();
    }

    private static string FormatJson(in DaemonLogEntry entry)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, DaemonLogFormatter.JsonOptions)) DaemonLogFormatter.WriteJson(writer, entry, []);
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
