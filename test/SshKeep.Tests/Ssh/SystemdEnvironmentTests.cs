using SshKeep.Ssh;

namespace SshKeep.Tests.Ssh;

public sealed class SystemdEnvironmentTests
{
    [Theory]
    [InlineData("NOTIFY_SOCKET", true)]
    [InlineData("WATCHDOG_USEC", true)]
    [InlineData("WATCHDOG_PID", true)]
    [InlineData("LISTEN_FDS", true)]
    [InlineData("LISTEN_PID", true)]
    [InlineData("LISTEN_FDNAMES", true)]
    [InlineData("JOURNAL_STREAM", true)]
    [InlineData("SYSTEMD_EXEC_PID", true)]
    // What ssh needs or may use stays.
    [InlineData("SSH_AUTH_SOCK", false)]
    [InlineData("HOME", false)]
    [InlineData("PATH", false)]
    [InlineData("INVOCATION_ID", false)]
    [InlineData("RUNTIME_DIRECTORY", false)]
    [InlineData("notify_socket", false)]
    public void Variables_meant_for_sshkeep_alone_are_removed_from_ssh_environment(string name, bool removed)
    {
        Assert.Equal(removed, SystemdEnvironment.ChildVariablesToRemove.Contains(name));
    }
}
