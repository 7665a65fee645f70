using System.Net.Sockets;
using SshKeep.Daemon;
using SshKeep.Native;
using SshKeep.Tests.Fakes;
using SshKeep.Tests.Integration.Infrastructure;

namespace SshKeep.Tests.Daemon;

public sealed class ControlServerTests
{
    [Fact]
    public async Task Socket_file_is_a_socket_only_its_owner_may_use()
    {
        await using var harness = ControlServerHarness.Started();

        Assert.True(FileStatus.TryGet(harness.SocketPath, out var status, out _));
        Assert.True(status.IsSocket);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(harness.SocketPath));
    }

    [Fact]
    public async Task A_client_of_the_same_uid_gets_the_full_status()
    {
        await using var harness = ControlServerHarness.Started();

        var result = await harness.SendAsync(new ControlRequest(ControlCommand.Status));

        Assert.Equal(ControlCallOutcome.Answered, result.Outcome);
        Assert.True(result.Response!.Ok);
        Assert.Equal(StatusSamples.Snapshot.Daemon, result.Response.Status!.Daemon);
        Assert.Equal(StatusSamples.Snapshot.Tunnels, result.Response.Status.Tunnels);
    }

    [Fact]
    public async Task Each_command_reaches_the_handler_with_its_tunnel_name()
    {
        await using var harness = ControlServerHarness.Started();
        ControlRequest[] requests =
        [
            new(ControlCommand.Restart, "db"),
            new(ControlCommand.RetryNow),
            new(ControlCommand.RetryNow, "metrics"),
            new(ControlCommand.Reload),
            new(ControlCommand.Stop),
        ];

        foreach (var request in requests)
        {
            var result = await harness.SendAsync(request);
            Assert.True(result.Response?.Ok, result.Problem ?? result.Response?.Message);
            Assert.Equal($"done: {request}", result.Response!.Message);
        }

        Assert.Equal(requests, harness.Handler.Requests);
    }

    [Fact]
    public async Task A_status_request_is_logged_at_debug_and_an_action_at_info()
    {
        await using var harness = ControlServerHarness.Started();

        Assert.True((await harness.SendAsync(new ControlRequest(ControlCommand.Status))).Response?.Ok);
        Assert.True((await harness.SendAsync(new ControlRequest(ControlCommand.Restart, "db"))).Response?.Ok);

        var received = harness.Logger.Entries.Where(e => e.EventId == 3012).ToList();
        Assert.Equal(2, received.Count);
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Debug, Assert.Single(received, e => e.Message.StartsWith("control: status from", StringComparison.Ordinal)).Level);
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Information, Assert.Single(received, e => e.Message.StartsWith("control: restart db from", StringComparison.Ordinal)).Level);
    }

    [Fact]
    public async Task A_failure_answer_of_the_handler_reaches_the_client()
    {
        await using var harness = ControlServerHarness.Started();

        var result = await harness.SendAsync(new ControlRequest(ControlCommand.Restart, "nosuch"));

        Assert.Equal(ControlCallOutcome.Answered, result.Outcome);
        Assert.False(result.Response!.Ok);
        Assert.Equal(ControlErrors.UnknownTunnel, result.Response.Error);
        Assert.Equal("no tunnel named \"nosuch\"", result.Response.Message);
    }

    [Fact]
    public async Task Plain_words_get_one_line_of_json_and_the_connection_closes()
    {
        await using var harness = ControlServerHarness.Started();
        using var connection = await harness.ConnectRawAsync();

        await connection.SendAsync("restart db\n");
        string answer = await connection.ReadToEndAsync();

        Assert.Equal("{\"ok\":true,\"error\":null,\"message\":\"done: restart db\",\"status\":null}\n", answer);
    }

    [Fact]
    public async Task A_request_ended_by_closing_instead_of_a_newline_is_served()
    {
        await using var harness = ControlServerHarness.Started();
        using var connection = await harness.ConnectRawAsync();

        await connection.SendAsync("{\"command\":\"reload\"}", thenClose: true);

        Assert.Contains("\"message\":\"done: reload\"", await connection.ReadToEndAsync());
    }

    [Theory]
    [InlineData(new byte[] { 0xff, 0xfe, 0x00, (byte)'\n' }, "bad-request", "request is not UTF-8 text")]
    [InlineData(new byte[] { (byte)'{', (byte)'{', (byte)'\n' }, "bad-request", "not valid JSON")]
    [InlineData(new byte[] { (byte)'\n' }, "bad-request", "empty request")]
    [InlineData(new byte[] { (byte)'r', (byte)'m', (byte)' ', (byte)'-', (byte)'r', (byte)'f', (byte)'\n' }, "unknown-command", "unknown command \"rm\"")]
    public async Task Garbage_gets_an_error_answer_and_the_server_keeps_serving(byte[] garbage, string error, string messagePart)
    {
        await using var harness = ControlServerHarness.Started();
        using var connection = await harness.ConnectRawAsync();

        await connection.SendAsync(garbage);
        var answer = await ParseAnswerAsync(connection);
        var next = await harness.SendAsync(new ControlRequest(ControlCommand.Status));

        Assert.False(answer.Ok);
        Assert.Equal(error, answer.Error);
        Assert.Contains(messagePart, answer.Message);
        Assert.True(next.Response?.Ok);
        Assert.DoesNotContain(harness.Handler.Requests, r => r.Command != ControlCommand.Status);
    }

    [Fact]
    public async Task An_oversized_request_gets_too_large_and_the_server_keeps_serving()
    {
        await using var harness = ControlServerHarness.Started(adjust: o => o with { MaxRequestBytes = 1024 });
        using var connection = await harness.ConnectRawAsync();

        var sending = connection.SendAsync(new string('x', 1024 * 1024));
        var answer = await ParseAnswerAsync(connection);
        await sending;
        var next = await harness.SendAsync(new ControlRequest(ControlCommand.Status));

        Assert.Equal(ControlErrors.TooLarge, answer.Error);
        Assert.Equal("request longer than 1024 bytes; a request is one short line", answer.Message);
        Assert.True(next.Response?.Ok);
    }

    [Fact]
    public async Task A_request_of_exactly_the_largest_size_is_accepted()
    {
        await using var harness = ControlServerHarness.Started(adjust: o => o with { MaxRequestBytes = 1024 });
        using var connection = await harness.ConnectRawAsync();

        await connection.SendAsync("status".PadRight(1024) + "\n");

        Assert.True((await ParseAnswerAsync(connection)).Ok);
    }

    [Fact]
    public async Task A_client_that_sends_nothing_gets_timeout_on_the_servers_clock_while_others_are_served()
    {
        var clock = new ManualTimeProvider();
        await using var harness = ControlServerHarness.Started(clock, o => o with { ReadTimeout = TimeSpan.FromSeconds(5) });
        using var slow = await harness.ConnectRawAsync();
        await slow.SendAsync("sta"); // and then nothing
        await Eventually.WaitUntilAsync(() => clock.ArmedTimers >= 1, "the server to arm the slow client's read timeout");

        var other = await harness.SendAsync(new ControlRequest(ControlCommand.Reload));
        clock.Advance(TimeSpan.FromSeconds(5));
        var answer = await ParseAnswerAsync(slow);

        Assert.True(other.Response?.Ok);
        Assert.Equal(ControlErrors.Timeout, answer.Error);
        Assert.Equal("no request line within 5 s of connecting", answer.Message);
    }

    [Fact]
    public async Task A_client_that_leaves_without_a_word_harms_nothing()
    {
        await using var harness = ControlServerHarness.Started();

        for (int i = 0; i < 5; i++)
        {
            using var connection = await harness.ConnectRawAsync();
        }
        var next = await harness.SendAsync(new ControlRequest(ControlCommand.Status));

        Assert.True(next.Response?.Ok);
    }

    [Fact]
    public async Task A_handler_that_throws_gives_internal_and_the_server_keeps_serving()
    {
        await using var harness = ControlServerHarness.Started();
        harness.Handler.Answer = (request, _) => request.Command == ControlCommand.Reload
            ? throw new InvalidOperationException("supervisor bug")
            : Task.FromResult(ControlResponse.Success("fine"));

        var failed = await harness.SendAsync(new ControlRequest(ControlCommand.Reload));
        var next = await harness.SendAsync(new ControlRequest(ControlCommand.Stop));

        Assert.Equal(ControlErrors.Internal, failed.Response!.Error);
        Assert.Equal("reload failed inside sshkeep: supervisor bug", failed.Response.Message);
        Assert.True(next.Response?.Ok);
        Assert.Contains(harness.Logger.Entries, l => l.EventId == 3014);
    }

    [Fact]
    public async Task Many_clients_at_once_are_all_answered()
    {
        await using var harness = ControlServerHarness.Started(adjust: o => o with { MaxConnections = 200 });

        var results = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => Task.Run(() =>
            harness.SendAsync(i % 2 == 0 ? new ControlRequest(ControlCommand.Status) : new ControlRequest(ControlCommand.RetryNow, "db")))));

        Assert.All(results, r => Assert.True(r.Response?.Ok, r.Problem ?? r.Response?.Message));
        Assert.Equal(100, harness.Handler.Requests.Count);
    }

    [Fact]
    public async Task More_connections_than_allowed_are_answered_busy_until_one_ends()
    {
        await using var harness = ControlServerHarness.Started(adjust: o => o with { MaxConnections = 1 });
        var release = new TaskCompletionSource<ControlResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        harness.Handler.Answer = (request, _) => request.Command == ControlCommand.Reload ? release.Task : Task.FromResult(ControlResponse.Success("quick"));

        var slow = harness.SendAsync(new ControlRequest(ControlCommand.Reload));
        await Eventually.WaitUntilAsync(() => !harness.Handler.Requests.IsEmpty, "the reload to reach the handler");
        var refused = await harness.SendAsync(new ControlRequest(ControlCommand.Status));
        release.SetResult(ControlResponse.Success("reloaded"));
        var reloaded = await slow;
        var afterwards = await harness.SendAsync(new ControlRequest(ControlCommand.Status));

        Assert.Equal(ControlErrors.Busy, refused.Response?.Error);
        Assert.Equal("reloaded", reloaded.Response?.Message);
        Assert.True(afterwards.Response?.Ok);
    }

    [Fact]
    public async Task The_answer_to_stop_goes_out_even_though_the_server_is_disposed_meanwhile()
    {
        await using var harness = ControlServerHarness.Started();
        Task? stopping = null;
        harness.Handler.Answer = (_, _) =>
        {
            // What the daemon does: begin shutting down (which disposes the server), answer at once.
            stopping = Task.Run(async () => await harness.Server!.DisposeAsync());
            return Task.FromResult(ControlResponse.Success("stopping 6 tunnels"));
        };

        var result = await harness.SendAsync(new ControlRequest(ControlCommand.Stop));
        await stopping!.Within("the server to stop");

        Assert.Equal("stopping 6 tunnels", result.Response?.Message);
        Assert.False(File.Exists(harness.SocketPath));
    }

    [Fact]
    public async Task Dispose_removes_the_socket_and_then_clients_find_no_daemon()
    {
        await using var harness = ControlServerHarness.Started();

        await harness.Server!.DisposeAsync();
        var result = await harness.SendAsync(new ControlRequest(ControlCommand.Status));

        Assert.False(File.Exists(harness.SocketPath));
        Assert.Equal(ControlCallOutcome.NoDaemon, result.Outcome);
        Assert.Contains(harness.Logger.Entries, l => l.EventId == 3018);
    }

    [Fact]
    public async Task A_stale_socket_left_by_a_killed_daemon_is_replaced()
    {
        await using var harness = ControlServerHarness.Prepare();
        MakeStaleSocket(harness.SocketPath);
        var before = await harness.SendAsync(new ControlRequest(ControlCommand.Status));

        harness.Start();
        var after = await harness.SendAsync(new ControlRequest(ControlCommand.Status));

        Assert.Equal(ControlCallOutcome.NoDaemon, before.Outcome);
        Assert.StartsWith("nothing listens on", before.Problem);
        Assert.True(after.Response?.Ok);
    }

    [Fact]
    public async Task Something_other_than_a_socket_at_the_path_is_left_alone_and_reported()
    {
        await using var harness = ControlServerHarness.Prepare();
        File.WriteAllText(harness.SocketPath, "not mine to delete\n");

        bool started = ControlServer.TryStart(new ControlServerOptions { SocketPath = harness.SocketPath }, harness.Lock, harness.Handler, TimeProvider.System, harness.Logger, out var server, out string? error);

        Assert.False(started);
        Assert.Null(server);
        Assert.Equal($"cannot create control socket \"{harness.SocketPath}\": something else is there (not a socket); remove it", error);
        Assert.Equal("not mine to delete\n", File.ReadAllText(harness.SocketPath));
    }

    [Fact]
    public async Task The_socket_is_owner_only_from_bind_on_so_no_chmod_by_path_can_follow_a_symlink_put_there()
    {
        await using var harness = ControlServerHarness.Prepare();
        string victim = harness.Temp.File("victim");
        File.WriteAllText(victim, "someone else's file\n");
        var victimMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        File.SetUnixFileMode(victim, victimMode);
        UnixFileMode? modeAtBind = null;
        var options = new ControlServerOptions
        {
            SocketPath = harness.SocketPath,
            // A racer who can write the directory swaps the fresh socket for a symlink (deterministic
            // stand-in for the race between bind and a chmod by path).
            AfterBind = path =>
            {
                modeAtBind = File.GetUnixFileMode(path);
                File.Delete(path);
                File.CreateSymbolicLink(path, victim);
            },
        };

        bool started = ControlServer.TryStart(options, harness.Lock, harness.Handler, TimeProvider.System, harness.Logger, out var server, out string? error);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, modeAtBind);
        Assert.False(started);
        Assert.Null(server);
        Assert.Equal($"cannot create control socket \"{harness.SocketPath}\": the path was replaced while the socket was being created", error);
        Assert.Equal(victimMode, File.GetUnixFileMode(victim));
        Assert.Equal("someone else's file\n", File.ReadAllText(victim));
    }

    [Fact]
    public async Task A_socket_path_longer_than_a_unix_socket_allows_is_an_error_value()
    {
        await using var harness = ControlServerHarness.Prepare();
        string path = "/" + new string('d', 120) + "/control.sock";

        Assert.False(ControlServer.TryStart(new ControlServerOptions { SocketPath = path }, harness.Lock, harness.Handler, TimeProvider.System, harness.Logger, out _, out string? error));

        Assert.Equal($"control socket path \"{path}\" is 134 bytes, more than the 107 a Unix socket allows; choose a shorter --run-dir", error);
    }

    [Fact]
    public async Task Starting_without_the_instance_lock_is_a_programming_error()
    {
        await using var harness = ControlServerHarness.Prepare();
        harness.Lock.Dispose();

        Assert.Throws<InvalidOperationException>(() =>
            ControlServer.TryStart(new ControlServerOptions { SocketPath = harness.SocketPath }, harness.Lock, harness.Handler, TimeProvider.System, harness.Logger, out _, out _));
    }

    private static async Task<ControlResponse> ParseAnswerAsync(RawControlConnection connection)
    {
        string answer = await connection.ReadToEndAsync();
        Assert.EndsWith("\n", answer);
        Assert.Equal(1, answer.Count(c => c == '\n'));
        return System.Text.Json.JsonSerializer.Deserialize(answer, DaemonJsonContext.Default.ControlResponse)!;
    }

    /// <summary>A socket file with nobody listening, as a daemon killed with SIGKILL leaves it: bound
    /// elsewhere, moved into place (rename works on sockets), and its socket closed.</summary>
    internal static void MakeStaleSocket(string path)
    {
        string elsewhere = path + ".bound";
        using (var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            socket.Bind(new UnixDomainSocketEndPoint(elsewhere));
            File.Move(elsewhere, path);
        }
        Assert.True(FileStatus.TryGet(path, out var status, out _) && status.IsSocket);
    }
}
