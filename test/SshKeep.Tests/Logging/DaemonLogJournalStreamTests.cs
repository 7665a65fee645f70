using SshKeep.Logging;

namespace SshKeep.Tests.Logging;

public sealed class DaemonLogJournalStreamTests
{
    [Theory]
    // stderr is the very socket systemd connected to the journal
    [InlineData("8:123456", "socket:[123456]", true)]
    // /proc unreadable: trust the variable, since under systemd it is almost always right
    [InlineData("8:123456", null, true)]
    // stderr was redirected after systemd set the variable (a shell in ExecStart, a pipe, a file)
    [InlineData("8:123456", "socket:[654321]", false)]
    [InlineData("8:123456", "pipe:[123456]", false)]
    [InlineData("8:123456", "/var/log/sshkeep.log", false)]
    [InlineData("8:123456", "/dev/pts/3", false)]
    // no journal, or a value that is not DEV:INODE
    [InlineData(null, "socket:[123456]", false)]
    [InlineData("", "socket:[123456]", false)]
    [InlineData("123456", "socket:[123456]", false)]
    [InlineData(":123456", "socket:[123456]", false)]
    [InlineData("8:", "socket:[123456]", false)]
    [InlineData("x:123456", "socket:[123456]", false)]
    [InlineData("8:123456", "socket:[]", false)]
    public void Stderr_is_the_journal_when_JOURNAL_STREAM_names_its_socket(string? journalStream, string? stderrLink, bool journal)
    {
        Assert.Equal(journal, DaemonLoggerProvider.IsJournalStream(journalStream, stderrLink));
    }
}
