using SshKeep.Demo;
using SshKeep.Native;
using SshKeep.Tests.Integration.Infrastructure;

namespace SshKeep.Tests.Daemon;

/// <summary>What another local user can plant in a directory they may write: a Unix socket that
/// uid 65534 listens on (setpriv and perl, as <see cref="AsNobodyFactAttribute"/> requires), which
/// answers every connection with <c>answer</c> and then reports how many bytes it was sent.</summary>
public sealed class ForeignUnixListener : IAsyncDisposable
{
    private const string PerlServer = """
        use IO::Socket::UNIX;
        $| = 1;
        my ($path, $answer) = @ARGV;
        my $l = IO::Socket::UNIX->new(Type => SOCK_STREAM(), Local => $path, Listen => 5) or die "listen: $!";
        chmod 0666, $path;
        while (my $c = $l->accept()) {
            print $c $answer;
            my $got = 0;
            while (sysread($c, my $buf, 65536)) { $got += length $buf; }
            print "got $got\n";
            close $c;
        }
        """;

    private readonly BackgroundProcess _process;

    private ForeignUnixListener(BackgroundProcess process) => _process = process;

    public int Pid => _process.Pid;

    /// <summary>One line per connection served: <c>got N</c> (bytes the client sent).</summary>
    public string Output => _process.StandardOutput;

    /// <summary>Starts it at <paramref name="path"/>, whose directory must let uid 65534 create files.</summary>
    public static async Task<ForeignUnixListener> StartAsync(string path, string answer)
    {
        var process = BackgroundProcess.Start("setpriv",
            ["--reuid=65534", "--regid=65534", "--clear-groups", "perl", "-e", PerlServer, path, answer]);
        var listener = new ForeignUnixListener(process);
        try
        {
            await Eventually.WaitUntilAsync(() => Task.FromResult(FileStatus.TryGet(path, out var status, out _) && status.IsSocket),
                () => $"uid 65534 to listen on {path} (stderr: {process.StandardError})");
        }
        catch
        {
            await listener.DisposeAsync();
            throw;
        }
        return listener;
    }

    public async ValueTask DisposeAsync() => await _process.DisposeAsync();
}
