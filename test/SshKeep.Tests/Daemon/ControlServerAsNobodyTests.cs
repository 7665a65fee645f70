using SshKeep.Tests.Integration.Infrastructure;

namespace SshKeep.Tests.Daemon;

/// <summary>Another user really connecting: the socket's mode keeps them out, and if that mode is
/// ever loosened, the peer-credential check still does.</summary>
public sealed class ControlServerAsNobodyTests
{
    /// <summary>Connects, sends "status", prints the answer line (or why there is none).</summary>
    private const string PerlClient = """
        use IO::Socket::UNIX;
        print "uid $<\n";
        my $s = IO::Socket::UNIX->new(Type => SOCK_STREAM(), Peer => $ARGV[0]) or do { print "connect failed: $!\n"; exit 2 };
        print $s "status\n";
        my $line = <$s>;
        print defined $line ? $line : "no answer\n";
        """;

    [AsNobodyFact]
    public async Task Another_user_is_kept_out_by_the_socket_mode_and_refused_by_peer_credentials()
    {
        await using var harness = ControlServerHarness.Started();
        // Let nobody reach the directory, so only the socket's own protections are tested.
        File.SetUnixFileMode(harness.Temp.Path, (UnixFileMode)0x1ED /* 0755 */);

        var byMode = await RunAsNobodyAsync(harness.SocketPath);
        File.SetUnixFileMode(harness.SocketPath, (UnixFileMode)0x1B6 /* 0666: as if someone loosened it */);
        var byCredentials = await RunAsNobodyAsync(harness.SocketPath);

        Assert.Equal("uid 65534\nconnect failed: Permission denied\n", byMode);
        Assert.StartsWith("uid 65534\n{\"ok\":false,\"error\":\"forbidden\",\"message\":\"uid 65534 may not control this sshkeep: it runs as uid 0, and only that uid and root may\"", byCredentials);
        Assert.Empty(harness.Handler.Requests);
        Assert.Contains(harness.Logger.Entries, l => l.EventId == 3011 && l.Message.Contains("(uid 65534)", StringComparison.Ordinal));
        // The server goes on serving its own user.
        Assert.True((await harness.SendAsync(new SshKeep.Daemon.ControlRequest(SshKeep.Daemon.ControlCommand.Status))).Response?.Ok);
    }

    private static async Task<string> RunAsNobodyAsync(string socketPath)
    {
        var result = await Run.ProgramAsync("setpriv",
            ["--reuid=65534", "--regid=65534", "--clear-groups", "perl", "-e", PerlClient, socketPath]);
        Assert.False(result.TimedOut, "the client as nobody hung");
        Assert.Equal("", result.StandardError);
        return result.StandardOutput;
    }
}
