using System.Net.Sockets;
using System.Text;
using SshKeep.Daemon;
using SshKeep.Tests.Fakes;
using SshKeep.Tests.Integration.Infrastructure;

namespace SshKeep.Tests.Daemon;

/// <summary>The client against fake daemons that misbehave; the real server is in ControlServerTests.</summary>
public sealed class ControlClientTests
{
    private static readonly ControlRequest Status = new(ControlCommand.Status);

    [Fact]
    public async Task No_socket_file_means_no_daemon()
    {
        using var temp = new TempDirectory();
        string path = temp.File("control-x.sock");

        var result = await Client().SendAsync(path, Status, CancellationToken.None);

        Assert.Equal(ControlCallOutcome.NoDaemon, result.Outcome);
        Assert.Equal($"no control socket at \"{path}\"", result.Problem);
    }

    [Fact]
    public async Task No_run_directory_means_no_daemon()
    {
        using var temp = new TempDirectory();

        var result = await Client().SendAsync(temp.File("missing/control-x.sock"), Status, CancellationToken.None);

        Assert.Equal(ControlCallOutcome.NoDaemon, result.Outcome);
    }

    [Fact]
    public async Task A_socket_nobody_listens_on_means_no_daemon()
    {
        using var temp = new TempDirectory();
        string path = temp.File("control-x.sock");
        ControlServerTests.MakeStaleSocket(path);

        var result = await Client().SendAsync(path, Status, CancellationToken.None);

        Assert.Equal(ControlCallOutcome.NoDaemon, result.Outcome);
        Assert.Equal($"nothing listens on \"{path}\" (left by a daemon that ended without cleaning up)", result.Problem);
    }

    [Fact]
    public async Task A_regular_file_in_place_of_the_socket_means_no_daemon()
    {
        using var temp = new TempDirectory();
        string path = temp.File("control-x.sock");
        File.WriteAllText(path, "");

        var result = await Client().SendAsync(path, Status, CancellationToken.None);

        // Linux refuses a connect to a file that is not a listening socket: nobody can answer there.
        Assert.Equal(ControlCallOutcome.NoDaemon, result.Outcome);
    }

    [Theory]
    [InlineData("hello\n", "the daemon's answer is not valid: ")]
    [InlineData("", "the daemon closed the connection without answering (is it stopping?)")]
    [InlineData("{\"ok\":tr", "the daemon's answer is not valid: ")]
    public async Task An_answer_that_is_not_one_is_a_failure(string answer, string problemStart)
    {
        using var temp = new TempDirectory();
        await using var daemon = FakeDaemon.Start(temp.File("control-x.sock"), Encoding.UTF8.GetBytes(answer));

        var result = await Client().SendAsync(daemon.Path, Status, CancellationToken.None);

        Assert.Equal(ControlCallOutcome.Failed, result.Outcome);
        Assert.StartsWith(problemStart, result.Problem);
        Assert.Equal("{\"command\":\"status\"}\n", await daemon.ReceivedAsync());
    }

    [Fact]
    public async Task The_first_line_of_the_answer_is_the_answer()
    {
        using var temp = new TempDirectory();
        await using var daemon = FakeDaemon.Start(temp.File("control-x.sock"), "{\"ok\":true,\"message\":\"hi\"}\nand then noise"u8.ToArray());

        var result = await Client().SendAsync(daemon.Path, Status, CancellationToken.None);

        Assert.Equal(ControlCallOutcome.Answered, result.Outcome);
        Assert.Equal("hi", result.Response!.Message);
        Assert.Null(result.Response.Status);
    }

    [Fact]
    public async Task A_daemon_that_never_answers_is_a_timeout_on_the_clients_clock()
    {
        using var temp = new TempDirectory();
        await using var daemon = FakeDaemon.Start(temp.File("control-x.sock"), answer: null);
        var clock = new ManualTimeProvider();
        var client = new ControlClient(clock, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(30));

        var call = client.SendAsync(daemon.Path, Status, CancellationToken.None);
        await daemon.ReceivedAsync();
        await Eventually.WaitUntilAsync(() => clock.ArmedTimers >= 1, "the client to arm its answer timeout");
        clock.Advance(TimeSpan.FromSeconds(30));
        var result = await call.Within("the client to give up");

        Assert.Equal(ControlCallOutcome.Failed, result.Outcome);
        Assert.Equal("no answer from the daemon within 30 s", result.Problem);
    }

    private static ControlClient Client() => new(TimeProvider.System, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30));

    /// <summary>A listener that reads one request line, answers with fixed bytes (or never), and closes.</summary>
    private sealed class FakeDaemon : IAsyncDisposable
    {
        private readonly Socket _listener = new(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        private readonly TaskCompletionSource<string> _received = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly CancellationTokenSource _stop = new();
        private Task _serving = Task.CompletedTask;

        private FakeDaemon(string path) => Path = path;

        public string Path { get; }

        public static FakeDaemon Start(string path, byte[]? answer)
        {
            var daemon = new FakeDaemon(path);
            daemon._listener.Bind(new UnixDomainSocketEndPoint(path));
            daemon._listener.Listen();
            daemon._serving = daemon.ServeAsync(answer);
            return daemon;
        }

        public Task<string> ReceivedAsync() => _received.Task.Within("the fake daemon to receive a request");

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _listener.Dispose();
            try
            {
                await _serving;
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
            }
        }

        private async Task ServeAsync(byte[]? answer)
        {
            using var client = await _listener.AcceptAsync(_stop.Token);
            var line = new List<byte>();
            byte[] buffer = new byte[1];
            while (await client.ReceiveAsync(buffer, SocketFlags.None, _stop.Token) == 1)
            {
                line.Add(buffer[0]);
                if (buffer[0] == '\n') break;
            }
            _received.SetResult(Encoding.UTF8.GetString(line.ToArray()));
            if (answer is null)
            {
                await Task.Delay(Timeout.Infinite, _stop.Token);
                return;
            }
            await client.SendAsync(answer, SocketFlags.None);
        }
    }
}
