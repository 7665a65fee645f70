using SshKeep.Logging;

namespace SshKeep.Tests.Logging;

public sealed class DaemonLogTextTests
{
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
