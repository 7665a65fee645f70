using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using SshKeep.Health;
using SshKeep.Tests.Integration.Infrastructure;

namespace SshKeep.Tests.Health;

/// <summary>
/// The daemon's copy of a real ssh's server connection: after ssh is killed the server sees no
/// goodbye until the daemon ends the connection, with a reset or the ordinary way. The "server"
/// is a plain TCP listener, which is all ssh reaches before the key exchange.
/// </summary>
public sealed class SessionSocketClaimTests
{
    [SshdFact]
    public async Task A_claimed_connection_outlives_ssh_and_its_reset_reaches_the_server() =>
        await WithKilledSshAsync(async (claim, accepted) =>
        {
            Assert.True(claim.ServerHearsUs(), "the server's kernel acknowledges everything ssh sent");
            claim.Reset();
            var error = await Assert.ThrowsAsync<SocketException>(async () => await DrainAsync(accepted));
            Assert.Equal(SocketError.ConnectionReset, error.SocketErrorCode);
        });

    [SshdFact]
    public async Task A_claimed_connection_closed_the_ordinary_way_ends_with_a_fin() =>
        await WithKilledSshAsync(async (claim, accepted) =>
        {
            claim.Dispose();
            await DrainAsync(accepted); // returns at end of stream; a reset would throw
            claim.Reset(); // after Dispose: nothing left to do, and no descriptor closed twice
        });

    [Fact]
    public void A_process_without_a_server_connection_gives_no_claim()
    {
        using var child = Process.Start(new ProcessStartInfo("sleep", "30") { UseShellExecute = false })!;
        try
        {
            Assert.Null(SessionSocketClaim.Take(child.Id));
        }
        finally
        {
            child.Kill(); // ours, by pid
            child.WaitForExit();
        }
    }

    /// <summary>Starts ssh towards a listener, claims its connection, kills ssh and checks that the
    /// server saw no end of the connection yet (the claim keeps it open); then runs <paramref name="then"/>.</summary>
    private static async Task WithKilledSshAsync(Func<SessionSocketClaim, Socket, Task> then)
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        var port = ((IPEndPoint)listener.LocalEndPoint!).Port.ToString(CultureInfo.InvariantCulture);
        var startInfo = new ProcessStartInfo("ssh")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-F", "/dev/null", "-o", "BatchMode=yes", "-p", port, "-N", "127.0.0.1" })
            startInfo.ArgumentList.Add(argument);
        using var ssh = Process.Start(startInfo)!;
        try
        {
            using var accepted = await listener.AcceptAsync();
            using var claim = await Eventually.WaitForAsync(() => SessionSocketClaim.Take(ssh.Id), "ssh's established connection to be claimed");
            Assert.Equal(listener.LocalEndPoint, claim.Connection.Remote);

            ssh.Kill(); // ours, by pid
            await ssh.WaitForExitAsync();
            // ssh sent its banner and is gone; the connection stays open while the claim holds it.
            var banner = new byte[256];
            var read = await accepted.ReceiveAsync(banner);
            Assert.StartsWith("SSH-2.0-", System.Text.Encoding.ASCII.GetString(banner, 0, read));
            Assert.True(accepted.Poll(0, SelectMode.SelectRead) is false, "no FIN or reset while the claim holds the connection");

            await then(claim, accepted);
        }
        finally
        {
            if (!ssh.HasExited) ssh.Kill(); // ours, by pid
            await ssh.WaitForExitAsync();
        }
    }

    /// <summary>Reads until the end of the stream (within a generous deadline).</summary>
    private static async Task DrainAsync(Socket socket)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var buffer = new byte[4096];
        while (await socket.ReceiveAsync(buffer, SocketFlags.None, deadline.Token) > 0) { }
    }
}
