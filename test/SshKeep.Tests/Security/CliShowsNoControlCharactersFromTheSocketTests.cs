using System.Net.Sockets;
using System.Text;
using SshKeep.Daemon;
using SshKeep.Tests.Fakes;
using SshKeep.Tests.Integration;
using SshKeep.Tests.Integration.Infrastructure;

namespace SshKeep.Tests.Security;

/// <summary>
/// Whatever answers at the control socket (a daemon quoting a hostile name, or a fake one), the
/// shipped CLI prints its text with control characters shown as '?': no escape sequence reaches
/// the terminal through `restart`, `retry-now`, `reload`, `stop` or `status`, answered or refused.
/// </summary>
public sealed class CliShowsNoControlCharactersFromTheSocketTests
{
    private const string Hostile = "\\u001b]0;pwned\\u0007\\u001b[2J\\r\\u009bx";

    [Theory]
    [InlineData("stop", true)]
    [InlineData("reload", false)]
    [InlineData("restart", false)]
    [InlineData("retry-now", true)]
    [InlineData("status", false)]
    public async Task A_message_with_escape_sequences_is_printed_without_them(string verb, bool ok)
    {
        using var temp = new TempDirectory();
        var config = temp.File("tunnels.yaml");
        File.WriteAllText(config, "tunnels: {}\n");
        var runDirectory = temp.File("run");
        Directory.CreateDirectory(runDirectory);
        var socketPath = RunDirectory.Resolve(runDirectory, null, 0).For(config).SocketPath;
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(socketPath));
        listener.Listen();
        string answer = $"{{\"ok\":{(ok ? "true" : "false")},\"error\":{(ok ? "null" : $"\"{Hostile}\"")},\"message\":\"{Hostile} done\",\"status\":null}}\n";
        var serve = Task.Run(async () =>
        {
            using var client = await listener.AcceptAsync();
            var buffer = new byte[4096];
            while (!Encoding.UTF8.GetString(buffer).Contains('\n'))
                if (await client.ReceiveAsync(buffer, SocketFlags.None) == 0) break;
            await client.SendAsync(Encoding.UTF8.GetBytes(answer), SocketFlags.None);
            client.Shutdown(SocketShutdown.Send);
        });
        string[] arguments = verb == "restart" ? [verb, "db"] : [verb];

        var result = await Run.ProgramAsync(SshkeepUnderTest.BinaryPath, [.. arguments, "-c", config, "--run-dir", runDirectory], TimeSpan.FromSeconds(30));
        await serve.Within("the fake daemon to answer");

        string printed = result.StandardOutput + result.StandardError;
        Assert.Contains("?]0;pwned??[2J??x", printed, StringComparison.Ordinal);
        Assert.DoesNotContain(printed, c => char.IsControl(c) && c != '\n');
    }
}
