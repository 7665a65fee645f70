using SshKeep.Native;
using SshKeep.Tests.Daemon;
using SshKeep.Tests.Integration.Infrastructure;

namespace SshKeep.Tests.Security;

/// <summary>
/// Secure default: the real daemon's control socket is 0600 and owned by the daemon's user, and
/// another uid is refused twice over: by the mode, and (should the mode be loosened or the run
/// directory shared) by the kernel's peer credentials. Daemon/ControlServerAsNobodyTests checks
/// the same against the server in-process; this is the shipped binary.
/// </summary>
public sealed class ControlSocketIsOwnerOnlyTests
{
    /// <summary>Connects, sends "status", prints the answer line (or why there is none).</summary>
    private const string PerlClient = """
        use IO::Socket::UNIX;
        my $s = IO::Socket::UNIX->new(Type => SOCK_STREAM(), Peer => $ARGV[0]) or do { print "connect failed: $!\n"; exit 2 };
        print $s "status\n";
        my $line = <$s>;
        print defined $line ? $line : "no answer\n";
        """;

    [Fact]
    public async Task The_socket_is_0600_and_belongs_to_the_daemons_user()
    {
        await using var daemon = DaemonUnderTest.Start(SshRunsWithAMinimalEnvironmentTests.OneTunnel("/bin/false"));
        await daemon.AnsweringAsync();

        Assert.True(FileStatus.TryGet(daemon.Paths.SocketPath, out var socket, out _));
        Assert.True(socket.IsSocket);
        Assert.Equal(0x180u /* 0600 */, socket.Permissions);
        Assert.Equal(LibC.geteuid(), socket.Uid);
    }

    [AsNobodyFact]
    public async Task Another_uid_is_kept_out_by_the_mode_and_refused_by_peer_credentials()
    {
        await using var daemon = DaemonUnderTest.Start(SshRunsWithAMinimalEnvironmentTests.OneTunnel("/bin/false"), createRunDirectory: true);
        // Let nobody reach the socket file, so only the socket's own protections are tested.
        File.SetUnixFileMode(daemon.Directory, (UnixFileMode)0x1ED /* 0755 */);
        File.SetUnixFileMode(daemon.RunDirectory, (UnixFileMode)0x1ED);
        await daemon.AnsweringAsync();

        var byMode = await AsNobodyAsync(daemon.Paths.SocketPath);
        File.SetUnixFileMode(daemon.Paths.SocketPath, (UnixFileMode)0x1B6 /* 0666: as if someone loosened it */);
        var byCredentials = await AsNobodyAsync(daemon.Paths.SocketPath);
        var own = await daemon.CliAsync("status", "--json");

        Assert.Equal("connect failed: Permission denied\n", byMode);
        Assert.StartsWith("{\"ok\":false,\"error\":\"forbidden\",\"message\":\"uid 65534 may not control this sshkeep", byCredentials, StringComparison.Ordinal);
        Assert.DoesNotContain("\"tunnels\"", byCredentials, StringComparison.Ordinal);
        await Eventually.WaitUntilAsync(() => daemon.StandardError.Contains("(uid 65534)", StringComparison.Ordinal), "the daemon to log the refusal");
        Assert.Contains("\"tunnels\"", own.StandardOutput, StringComparison.Ordinal); // still serving its own user
    }

    private static async Task<string> AsNobodyAsync(string socketPath)
    {
        var result = await Run.ProgramAsync("setpriv",
            ["--reuid=65534", "--regid=65534", "--clear-groups", "perl", "-e", PerlClient, socketPath], TimeSpan.FromSeconds(30));
        Assert.False(result.TimedOut, "the client as nobody hung");
        Assert.Equal("", result.StandardError);
        return result.StandardOutput;
    }
}
