using System.Globalization;
using System.Text;
using System.Text.Json;
using SshKeep.Demo;
using SshKeep.Tests.Daemon;
using SshKeep.Tests.Integration.Infrastructure;
using SshKeep.Tests.Security;

namespace SshKeep.Tests.HostileInput;

/// <summary>
/// The real daemon with two real tunnels to a real sshd, while hostile clients hammer its control
/// socket (garbage, partial and oversized lines, a hundred connections at once, forty that never
/// finish their line) and a hostile tunnels file is reloaded: a well-behaved `sshkeep status`
/// is answered throughout, the tunnels keep their ssh and carry bytes, and nothing it prints is a
/// stack trace.
/// </summary>
public sealed class DaemonUnderHostileInputTests
{
    [SshdFact]
    public async Task Hostile_clients_and_a_hostile_reload_leave_status_answered_and_the_tunnels_running()
    {
        await using var sshd = await ThrowawaySshd.CreateAsync();
        await using var echo = EchoServer.Start();
        int[] ports = [LoopbackPort.PickFree(), LoopbackPort.PickFree()];
        await using var daemon = DaemonUnderTest.Start(Config(sshd, echo.Port, ports));
        await AllUpAsync(daemon);
        var before = await PidsAsync(daemon);
        var random = new Random(6);

        using var stop = new CancellationTokenSource();
        var slow = new List<RawControlConnection>();
        Task? dribble = null;
        try
        {
            for (var i = 0; i < 40; i++)
            {
                slow.Add(await RawControlConnection.ConnectAsync(daemon.Paths.SocketPath));
                await slow[^1].SendAsync("stat");
            }
            dribble = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    foreach (var connection in slow) await connection.SendAsync("u");
                    await Task.Delay(200);
                }
            });
            var garbage = Enumerable.Range(0, 100).Select(_ => Garbage(random)).ToList();
            var hammering = Task.WhenAll(garbage.Select(async bytes =>
            {
                using var connection = await RawControlConnection.ConnectAsync(daemon.Paths.SocketPath);
                await connection.SendAsync(bytes, thenClose: true);
                return await connection.ReadToEndAsync();
            }));

            for (var i = 0; i < 3; i++)
            {
                var status = await daemon.CliAsync("status", "--json");
                Assert.True(status.ExitCode == 0, $"status exited {status.ExitCode}: {status.StandardOutput}{status.StandardError}");
            }
            File.WriteAllText(daemon.ConfigPath, "tunnels:\n  web: { destination: \"\\e[2J\", forwards: [ [ [ ] ] ], port: -1 }\n\u0000\u00ff");
            var reload = await daemon.CliAsync("reload");
            Assert.Equal(1, reload.ExitCode);
            HostileAssert.NoStackTrace(reload.StandardOutput + reload.StandardError, "the reload's answer");

            foreach (var answer in await hammering.Within("every hostile client to be answered"))
                Assert.True(answer.Length == 0 || (answer.EndsWith('\n') && answer.IndexOf('\n') == answer.Length - 1), Property.Show(answer));
        }
        finally
        {
            await stop.CancelAsync();
            if (dribble is not null) await dribble;
            foreach (var connection in slow) connection.Dispose();
        }

        Assert.Equal(before, await PidsAsync(daemon));
        foreach (var port in ports) Assert.True(await EchoProbe.RoundTripAsync(port, Encoding.ASCII.GetBytes($"still {port}\n"), TimeSpan.FromSeconds(10)), $"port {port} carries bytes");
        Assert.False(daemon.Exited.IsCompleted, "the daemon exited");
        HostileAssert.NoStackTrace(daemon.StandardError, "the daemon's log");
    }

    private static byte[] Garbage(Random random) => random.Next(4) switch
    {
        0 => HostileText.Bytes(random, 500),
        1 => Encoding.UTF8.GetBytes(HostileText.Next(random, 2_000, encodable: true)),
        2 => Encoding.UTF8.GetBytes(new string('{', 100_000)),
        _ => Encoding.UTF8.GetBytes("{\"command\":\"restart\",\"tunnel\":\"\\ud800\"}\n"),
    };

    private static string Config(ThrowawaySshd sshd, int echoPort, int[] ports)
    {
        var yaml = new StringBuilder();
        yaml.AppendLine("defaults:");
        yaml.Append(sshd.TunnelKeysYaml("  "));
        yaml.AppendLine("  health: { server_alive_interval: 2, server_alive_count_max: 2, connect_timeout: 5 }");
        yaml.AppendLine("tunnels:");
        for (var i = 0; i < ports.Length; i++)
            yaml.AppendLine(CultureInfo.InvariantCulture, $"  t{i}: {{ destination: {sshd.Destination}, forwards: [ {{ local: \"127.0.0.1:{ports[i]}:127.0.0.1:{echoPort}\" }} ] }}");
        return yaml.ToString();
    }

    private static Task AllUpAsync(DaemonUnderTest daemon) => Eventually.WaitUntilAsync(async () =>
    {
        var tunnels = await daemon.TunnelsAsync();
        return tunnels.Length == 2 && tunnels.All(t => t.GetProperty("state").GetString() == "up");
    }, () => $"both tunnels to be up; the daemon said:\n{daemon.StandardError}", TimeSpan.FromSeconds(60));

    private static async Task<Dictionary<string, int>> PidsAsync(DaemonUnderTest daemon) =>
        (await daemon.TunnelsAsync()).Where(t => t.GetProperty("pid").ValueKind == JsonValueKind.Number)
            .ToDictionary(t => t.GetProperty("name").GetString()!, t => t.GetProperty("pid").GetInt32());
}
