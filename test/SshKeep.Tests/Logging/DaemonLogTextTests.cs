using SshKeep.Logging;

namespace SshKeep.Tests.Logging;

public sealed class DaemonLogTextTests
{
    [Theory]
    [InlineData("Permission denied (publickey).", "Permission denied (publickey).")]
    [InlineData("line one\nline two", "line one\\nline two")]
    [InlineData("crlf\r\n", "crlf\\r\\n")]
    [InlineData("tab\there", "tab\\there")]
    [InlineData("\u001b[31mred\u001b[0m", "\\x1b[31mred\\x1b[0m")]
    [InlineData("nul\0bell\a", "nul\\x00bell\\x07")]
    [InlineData("del\u007f", "del\\x7f")]
    // C1 controls: U+009B is a one-character CSI for some terminals
    [InlineData("csi\u009b31m", "csi\\u009b31m")]
    [InlineData("nel\u0085", "nel\\u0085")]
    [InlineData("ls\u2028ps\u2029", "ls\\u2028ps\\u2029")]
    // printable text, non-ASCII and backslashes are left as they are
    [InlineData("héllo wörld ✓", "héllo wörld ✓")]
    [InlineData("C:\\path\\n", "C:\\path\\n")]
    [InlineData("", "")]
    public void Control_characters_are_escaped_so_one_event_stays_one_line(string text, string expected)
    {
        Assert.Equal(expected, DaemonLogText.Escape(text));
    }

    [Fact]
    public void Text_without_control_characters_is_returned_as_the_same_string()
    {
        string text = "nothing to escape";
        Assert.Same(text, DaemonLogText.Escape(text));
    }

    [Theory]
    [InlineData("ssh: connect to host db port 22: Connection refused", "connect to host db port 22: Connection refused")]
    [InlineData("Permission denied (publickey).", "Permission denied (publickey).")]
    [InlineData("Warning: Permanently added 'db' (ED25519) to the list of known hosts.", "Warning: Permanently added 'db' (ED25519) to the list of known hosts.")]
    [InlineData("sshd: ssh: not ssh's own", "sshd: ssh: not ssh's own")]
    [InlineData("ssh: ", "ssh: ")]
    public void Ssh_s_own_name_before_its_line_is_taken_off_once(string line, string expected)
    {
        Assert.Equal(expected, DaemonLogText.SshLine(line));
    }

    [Theory]
    [InlineData("deploy@db: Permission denied (publickey).", "deploy@db: Permission denied (publickey)")]
    [InlineData("check known_hosts. ", "check known_hosts")]
    [InlineData("authentication refused", "authentication refused")]
    [InlineData("waiting...", "waiting...")]
    [InlineData("", "")]
    public void A_clause_in_the_middle_of_a_line_loses_its_closing_full_stop(string text, string expected)
    {
        Assert.Equal(expected, DaemonLogText.Clause(text));
    }
}
