using System.Text;
using System.Text.Json;
using SshKeep.Daemon;
using SshKeep.Tests.Daemon;

namespace SshKeep.Tests.HostileInput;

/// <summary>
/// The real control server (a real Unix socket, the daemon's limits) under hostile clients:
/// random bytes, partial lines, oversized lines, many connections at once, and clients that never
/// finish their line. Every connection gets one JSON line (or nothing, if it left), and a
/// well-behaved client is still answered.
/// </summary>
public sealed class ControlSocketHostileTests
{
    public static TheoryData<int> Seeds => [1, 2];

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Many_hostile_clients_at_once_each_get_one_json_line_and_status_still_works(int seed)
    {
        await using var harness = ControlServerHarness.Started();
        var random = new Random(seed);
        var sends = Enumerable.Range(0, 80).Select(_ => NextRequest(random)).ToList();

        var answers = await Task.WhenAll(sends.Select(async (send, i) =>
        {
            using var connection = await harness.ConnectRawAsync();
            await connection.SendAsync(send.Bytes, thenClose: send.ThenClose);
            return (Case: i, Answer: await connection.ReadToEndAsync());
        }));
        var status = await harness.SendAsync(new ControlRequest(ControlCommand.Status));

        foreach (var (i, answer) in answers)
        {
            var what = $"seed {seed}, case {i} ({Describe(sends[i])})";
            Assert.True(answer.EndsWith('\n') && answer.IndexOf('\n') == answer.Length - 1, $"{what}: not one line: {Property.Show(answer)}");
            var response = JsonSerializer.Deserialize(answer, DaemonJsonContext.Default.ControlResponse);
            Assert.NotNull(response);
            if (!response.Ok) HostileAssert.OneLine(response.Message, what + ": the message");
        }
        Assert.True(status.Response?.Ok, status.Problem ?? status.Response?.Message);
    }

    [Fact]
    public async Task Clients_that_never_finish_their_line_do_not_keep_a_status_request_out()
    {
        // More slow clients than the server serves at once (32), each dribbling bytes and never
        // sending a newline: the classic slowloris.
        await using var harness = ControlServerHarness.Started();
        var slow = new List<RawControlConnection>();
        using var stop = new CancellationTokenSource();
        try
        {
            for (var i = 0; i < 40; i++)
            {
                var connection = await harness.ConnectRawAsync();
                slow.Add(connection);
                await connection.SendAsync("sta");
            }
            var dribble = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    foreach (var connection in slow) await connection.SendAsync("t");
                    await Task.Delay(100);
                }
            });

            var status = await harness.SendAsync(new ControlRequest(ControlCommand.Status));

            Assert.True(status.Response?.Ok, status.Problem ?? $"{status.Response?.Error}: {status.Response?.Message}");
            // The slot came from the client that had waited longest, and it was told why.
            Assert.Contains("\"error\":\"busy\"", await slow[0].ReadToEndAsync(), StringComparison.Ordinal);
            await stop.CancelAsync();
            await dribble;
        }
        finally
        {
            await stop.CancelAsync();
            foreach (var connection in slow) connection.Dispose();
        }
    }

    private static string Describe((byte[] Bytes, bool ThenClose) send) =>
        $"{send.Bytes.Length} bytes{(send.ThenClose ? ", then closed" : "")}: {Property.Show(Encoding.UTF8.GetString(send.Bytes), 120)}";

    /// <summary>Random bytes, random text, a valid request, a partial line, or more than the
    /// server reads (64 KiB).</summary>
    private static (byte[] Bytes, bool ThenClose) NextRequest(Random random) => random.Next(6) switch
    {
        0 => (HostileText.Bytes(random, 300), true),
        1 => ([.. HostileText.Bytes(random, 300), (byte)'\n'], false),
        2 => (Encoding.UTF8.GetBytes(HostileText.Next(random, 3_000, encodable: true) + "\n"), false),
        3 => (Encoding.UTF8.GetBytes(random.Next(2) == 0 ? "status\n" : "{\"command\":\"retry-now\",\"tunnel\":\"db\"}\n"), false),
        4 => (Encoding.UTF8.GetBytes(HostileText.Next(random, 200, encodable: true).Replace("\n", "")), true),
        _ => (Encoding.UTF8.GetBytes(new string('x', 70 * 1024) + "\n"), false),
    };
}
