using SshKeep.Ssh;

namespace SshKeep.Tests.Ssh;

/// <summary>Lines as OpenSSH 9.2 prints them (captured against the test sshd).</summary>
public class SshStderrClassifierTests
{
    [Theory]
    [InlineData("Authenticated to 127.0.0.1 ([127.0.0.1]:42222) using \"publickey\".", SshFailureKind.Authenticated, null)]
    [InlineData("root@127.0.0.1: Permission denied (publickey,password,keyboard-interactive).", SshFailureKind.AuthenticationRefused, null)]
    [InlineData("Received disconnect from 127.0.0.1 port 22:2: Too many authentication failures", SshFailureKind.None, null)]
    [InlineData("Host key verification failed.", SshFailureKind.HostKeyRejected, null)]
    [InlineData("No ED25519 host key is known for [127.0.0.1]:42222 and you have requested strict checking.", SshFailureKind.HostKeyRejected, null)]
    [InlineData("@    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @", SshFailureKind.HostKeyRejected, null)]
    [InlineData("command-line: line 0: Bad configuration option: foo", SshFailureKind.BadConfiguration, null)]
    [InlineData("Warning: Identity file /nope not accessible: No such file or directory.", SshFailureKind.BadConfiguration, null)]
    [InlineData("Error: remote port forwarding failed for listen port 8080", SshFailureKind.RemotePortInUse, 8080)]
    [InlineData("bind [127.0.0.1]:42222: Address already in use", SshFailureKind.LocalPortInUse, 42222)]
    [InlineData("bind 127.0.0.1 port 15432: Address already in use", SshFailureKind.LocalPortInUse, 15432)]
    [InlineData("ssh: connect to host 127.0.0.1 port 42999: Connection refused", SshFailureKind.Transient, null)]
    [InlineData("ssh: connect to host 10.0.0.1 port 22: Connection timed out", SshFailureKind.Transient, null)]
    [InlineData("ssh: Could not resolve hostname nowhere.invalid: Name or service not known", SshFailureKind.Transient, null)]
    [InlineData("Timeout, server 127.0.0.1 not responding.", SshFailureKind.Transient, null)]
    [InlineData("Connection closed by 127.0.0.1 port 42222", SshFailureKind.Transient, null)]
    [InlineData("client_loop: send disconnect: Broken pipe", SshFailureKind.Transient, null)]
    [InlineData("ssh: connect to host 192.0.2.1 port 22: No route to host", SshFailureKind.Transient, null)]
    [InlineData("Transferred: sent 3412, received 3196 bytes, in 2.8 seconds", SshFailureKind.None, null)]
    [InlineData("", SshFailureKind.None, null)]
    public void Classifies_what_ssh_said(string line, object kindRow, int? port)
    {
        var kind = (SshFailureKind)kindRow;
        var classified = SshStderrClassifier.Classify(line);

        Assert.Equal(kind, classified.Kind);
        Assert.Equal(port, classified.Port);
    }

    [Theory]
    [InlineData(SshFailureKind.AuthenticationRefused, true)]
    [InlineData(SshFailureKind.HostKeyRejected, true)]
    [InlineData(SshFailureKind.BadConfiguration, true)]
    [InlineData(SshFailureKind.RemotePortInUse, false)]
    [InlineData(SshFailureKind.Transient, false)]
    [InlineData(SshFailureKind.LocalPortInUse, false)]
    public void Only_authentication_host_key_and_configuration_failures_are_permanent(object kindRow, bool permanent)
    {
        var kind = (SshFailureKind)kindRow;
        Assert.Equal(permanent, new SshStderrLine(kind).IsPermanent);
    }

    [Theory]
    [InlineData("ssh: connect to host bastion port 22: Connection timed out", true)]
    [InlineData("ssh: connect to host 10.0.0.1 port 2222: Connection refused", true)]
    [InlineData("ssh: connect to host bastion port 22: No route to host", true)]
    [InlineData("Timeout, server bastion not responding.", false)]   // it connected; the session died later
    [InlineData("Connection closed by 10.0.0.1 port 22", false)]
    [InlineData("ssh: Could not resolve hostname bastion: Name or service not known", false)]
    public void Tells_when_ssh_could_not_connect_to_the_server_at_all(string line, bool connectFailure) =>
        Assert.Equal(connectFailure, SshStderrClassifier.IsConnectFailure(line));
}
