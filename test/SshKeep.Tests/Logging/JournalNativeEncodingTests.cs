using System.Text;
using Microsoft.Extensions.Logging;
using SshKeep.Logging;

namespace SshKeep.Tests.Logging;

/// <summary>journald's native protocol, the pure encoding (systemd's "Native Journal Protocol").</summary>
public sealed class JournalNativeEncodingTests
{
    [Theory]
    [InlineData("MESSAGE", "hello", "MESSAGE=hello\n")]
    [InlineData("MESSAGE", "", "MESSAGE=\n")]
    // '=' in a value needs nothing: only the first one separates
    [InlineData("SSHKEEP_TUNNEL", "a=b", "SSHKEEP_TUNNEL=a=b\n")]
    // non-ASCII is UTF-8, still the simple form
    [InlineData("MESSAGE", "héllo ✓", "MESSAGE=héllo ✓\n")]
    // other control characters are allowed in the simple form; only '\n' ends a field
    [InlineData("MESSAGE", "a\tb\rc", "MESSAGE=a\tb\rc\n")]
    // a newline: name, newline, the length as 64-bit little-endian, the bytes, newline
    [InlineData("MESSAGE", "a\nb", "MESSAGE\n\u0003\0\0\0\0\0\0\0a\nb\n")]
    [InlineData("SSHKEEP_EXCEPTION", "\n", "SSHKEEP_EXCEPTION\n\u0001\0\0\0\0\0\0\0\n\n")]
    // the length counts bytes, not characters
    [InlineData("MESSAGE", "é\n", "MESSAGE\n\u0003\0\0\0\0\0\0\0é\n\n")]
    public void A_field_is_written_in_the_simple_form_unless_its_value_has_a_newline(string name, string value, string expected)
    {
        Assert.Equal(Encoding.UTF8.GetBytes(expected), Field(name, value));
    }

    [Fact]
    public void A_value_given_as_utf8_is_written_as_the_same_bytes()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();

        DaemonJournalEntry.AppendField(buffer, "MESSAGE", "a\nb"u8);
        DaemonJournalEntry.AppendField(buffer, "PRIORITY", "6"u8);

        Assert.Equal(Encoding.UTF8.GetBytes("MESSAGE\n\u0003\0\0\0\0\0\0\0a\nb\nPRIORITY=6\n"), buffer.WrittenSpan.ToArray());
    }

    [Theory]
    [InlineData("MESSAGE", true)]
    [InlineData("SSHKEEP_TUNNEL", true)]
    [InlineData("SSHKEEP_EVENT_ID", true)]
    [InlineData("A", true)]
    [InlineData("X9", true)]
    // journald's own fields: a client cannot send them
    [InlineData("_PID", false)]
    [InlineData("_SYSTEMD_UNIT", false)]
    [InlineData("9LIVES", false)]
    [InlineData("", false)]
    [InlineData("message", false)]
    [InlineData("SSHKEEP-TUNNEL", false)]
    [InlineData("SSHKEEP TUNNEL", false)]
    [InlineData("É", false)]
    [InlineData("ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKL", true)]
    [InlineData("ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLM", false)]
    public void A_field_name_is_what_journald_accepts_from_a_client(string name, bool valid)
    {
        Assert.Equal(valid, DaemonJournalEntry.IsValidFieldName(name));
    }

    [Fact]
    public void A_bad_field_name_is_a_bug_caught_at_once()
    {
        var e = Assert.Throws<ArgumentException>(() => Field("tunnel", "db"));
        Assert.Contains("'tunnel'", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    // a tunnel's event: its name, the event's name and id
    [InlineData("db", 1102, "SshExited", LogLevel.Information,
        "MESSAGE=m\nPRIORITY=6\nSYSLOG_IDENTIFIER=sshkeep\nSSHKEEP_TUNNEL=db\nSSHKEEP_EVENT=SshExited\nSSHKEEP_EVENT_ID=1102\n")]
    // the daemon as a whole: no SSHKEEP_TUNNEL at all
    [InlineData(null, 1003, "DaemonStopped", LogLevel.Information,
        "MESSAGE=m\nPRIORITY=6\nSYSLOG_IDENTIFIER=sshkeep\nSSHKEEP_EVENT=DaemonStopped\nSSHKEEP_EVENT_ID=1003\n")]
    // an event from outside DaemonLog: no name, no id
    [InlineData(null, 0, null, LogLevel.Warning,
        "MESSAGE=m\nPRIORITY=4\nSYSLOG_IDENTIFIER=sshkeep\n")]
    // the priorities of the <N> prefix
    [InlineData("db", 1, "E", LogLevel.Critical, "MESSAGE=m\nPRIORITY=2\nSYSLOG_IDENTIFIER=sshkeep\nSSHKEEP_TUNNEL=db\nSSHKEEP_EVENT=E\nSSHKEEP_EVENT_ID=1\n")]
    [InlineData("db", 1, "E", LogLevel.Error, "MESSAGE=m\nPRIORITY=3\nSYSLOG_IDENTIFIER=sshkeep\nSSHKEEP_TUNNEL=db\nSSHKEEP_EVENT=E\nSSHKEEP_EVENT_ID=1\n")]
    [InlineData("db", 1, "E", LogLevel.Debug, "MESSAGE=m\nPRIORITY=7\nSYSLOG_IDENTIFIER=sshkeep\nSSHKEEP_TUNNEL=db\nSSHKEEP_EVENT=E\nSSHKEEP_EVENT_ID=1\n")]
    [InlineData("db", 1, "E", LogLevel.Trace, "MESSAGE=m\nPRIORITY=7\nSYSLOG_IDENTIFIER=sshkeep\nSSHKEEP_TUNNEL=db\nSSHKEEP_EVENT=E\nSSHKEEP_EVENT_ID=1\n")]
    public void A_daemon_event_is_an_entry_with_its_priority_tunnel_and_event(string? tunnel, int id, string? name, LogLevel level, string expected)
    {
        var entry = new DaemonLogEntry(DateTimeOffset.UnixEpoch, level, new EventId(id, name), tunnel, "ignored: MESSAGE is given");

        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        DaemonJournalEntry.Append(buffer, entry, "m"u8);

        Assert.Equal(expected, Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    [Fact]
    public void A_stack_trace_longer_than_the_limit_is_cut_with_a_note()
    {
        string trace = new('x', DaemonJournalEntry.MaxExceptionLength + 10);

        string cut = DaemonJournalEntry.Cut(trace);

        Assert.Equal(new string('x', DaemonJournalEntry.MaxExceptionLength) + "\n… (cut: 10 more characters)", cut);
        string fits = trace[..DaemonJournalEntry.MaxExceptionLength];
        Assert.Same(fits, DaemonJournalEntry.Cut(fits));
    }

    private static byte[] Field(string name, string value)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        DaemonJournalEntry.AppendField(buffer, name, value.AsSpan());
        return buffer.WrittenSpan.ToArray();
    }
}
