using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using SshKeep.Tests.Integration.Infrastructure;

namespace SshKeep.Tests.Integration;

/// <summary>`sshkeep retry-now` through the real control socket of a real daemon: the answer and
/// the log say which tunnel starts now and which are left alone (docs/daemon.md).</summary>
public sealed partial class DaemonRetryNowAgainstSshdTests
{
    [SshdFact]
    public async Task Retry_now_says_which_tunnel_starts_now_and_which_are_left_alone()
    {
        await using var world = await DaemonWorld.StartAsync();
        // db's local port is taken, so db waits in backoff while web is up.
        var squatter = new TcpListener(IPAddress.Loopback, world.DbPort);
        squatter.Start();
        try
        {
            await world.WriteConfigAsync(("web", $"local: \"127.0.0.1:{world.WebPort}:127.0.0.1:{world.EchoPort}\""),
                                         ("db", $"local: \"127.0.0.1:{world.DbPort}:127.0.0.1:{world.EchoPort}\""));
            await using var daemon = world.Up();
            await daemon.AllUpAsync(["web"]);

            var named = await daemon.CliAsync("retry-now", "web");
            Assert.Equal(0, named.ExitCode);
            Assert.Equal("web is up and left alone (no wait to cut short)\n", named.StandardOutput);

            // db may be between two starts at the moment of asking; ask again until it was waiting.
            string answer = "";
            await Eventually.WaitUntilAsync(async () =>
            {
                if (await daemon.StateAsync("db") != "backoff") return false;
                answer = (await daemon.CliAsync("retry-now")).StandardOutput;
                return DbStartsNow().IsMatch(answer);
            }, () => $"retry-now to find db waiting; it answered \"{answer}\"; the daemon said:\n{daemon.Log}", TimeSpan.FromSeconds(60));

            await Eventually.WaitUntilAsync(() => Task.FromResult(daemon.Log.Contains("retry-now from the control socket: db starts now (due in", StringComparison.Ordinal)
                                                  && daemon.Log.Contains("db: retry-now: ending the wait; starting ssh now", StringComparison.Ordinal)),
                () => $"the log to say what retry-now did; it said:\n{daemon.Log}");
            Assert.DoesNotContain("cutting every wait short", daemon.Log);
        }
        finally
        {
            squatter.Stop();
        }
    }

    [GeneratedRegex(@"^db starts now \(due in [0-9.]+s\); 1 tunnel is up and left alone\n$")]
    private static partial Regex DbStartsNow();
}
