using System.Globalization;
using System.Net.Sockets;
using SshKeep.Compat;
using SshKeep.Daemon;
using SshKeep.Demo;
using SshKeep.Tests.Integration.Infrastructure;

namespace SshKeep.Tests.Integration;

/// <summary>
/// Tier 3: the autossh guide's service script (ServiceScript/autossh-service.sh: <c>start</c> runs
/// <c>autossh … -N -f -R …</c>, <c>stop</c> runs <c>killall -TERM autossh</c>, <c>restart</c> both)
/// against a real sshd, with the real autossh 1.4g and with sshkeep installed as <c>autossh</c>.
/// Each must leave one keeper after start, one (a new one) after restart, none after stop: a
/// keeper that is not called <c>autossh</c> in the process table survives stop and piles up on
/// restart. The script runs in a private PID namespace, so its killall sees only this test's
/// processes.
/// </summary>
public class ServiceScriptAgainstSshdTests
{
    private const string RealAutossh = "/usr/lib/autossh/autossh";

    private static readonly string Script = Path.Combine(AppContext.BaseDirectory, "Integration", "ServiceScript", "autossh-service.sh");

    [RequiresFact(Needs.Root | Needs.Sshd | Needs.Killall)]
    public async Task Sshkeep_installed_as_autossh_is_started_restarted_and_stopped_by_the_guides_service_script()
    {
        // As ./run.sh install makes it: a link named autossh to the sshkeep executable (the
        // apphost, or the Native AOT build that SSHKEEP_TEST_BINARY names).
        var links = Directory.CreateTempSubdirectory("sshkeep-service-").FullName;
        try
        {
            File.CreateSymbolicLink(Path.Combine(links, "autossh"), SshkeepUnderTest.BinaryPath);
            await StartRestartAndStopAsync($"{links}:/usr/bin:/bin:/usr/sbin:/sbin", InstanceKey.Canonicalize(SshkeepUnderTest.BinaryPath));
        }
        finally
        {
            Directory.Delete(links, recursive: true);
        }
    }

    [RequiresFact(Needs.Root | Needs.Sshd | Needs.Killall | Needs.Autossh)]
    public Task Autossh_is_started_restarted_and_stopped_by_the_guides_service_script() =>
        // /usr/bin first: Debian's autossh, not an autossh link that an install put in /usr/local/bin.
        StartRestartAndStopAsync("/usr/bin:/bin:/usr/sbin:/sbin", InstanceKey.Canonicalize(RealAutossh));

    private static async Task StartRestartAndStopAsync(string path, string keeperExecutable)
    {
        await using var sshd = await ThrowawaySshd.CreateAsync();
        await using var space = await PidNamespace.StartAsync();
        var remotePort = LoopbackPort.PickFree();
        var environment = new Dictionary<string, string?>
        {
            ["PATH"] = path,
            ["REMOTE_PORT"] = remotePort.ToString(CultureInfo.InvariantCulture),
            ["SSHD_OPTIONS"] = string.Join(' ', sshd.ClientOptions),
            ["SSHD_DESTINATION"] = sshd.Destination,
        };
        // Whatever the test runner has that the script does not set itself.
        foreach (var name in new[] { "AUTOSSH_PATH", "AUTOSSH_PIDFILE", "AUTOSSH_MAXSTART", "AUTOSSH_MAXLIFETIME", "AUTOSSH_MESSAGE", "AUTOSSH_LOGLEVEL", Detacher.EnvironmentVariable })
            environment[name] = null;

        var transcript = new List<string>();
        async Task RunScriptAsync(string action)
        {
            var result = await space.RunAsync("/bin/bash", [Script, action], environment);
            transcript.Add($"$ autossh-service.sh {action} -> {result.ExitCode}\n{result.StandardOutput}{result.StandardError}");
            Assert.True(result.Succeeded, Describe());
        }

        List<int> Keepers() => [.. space.Processes().Where(p => p.Executable == keeperExecutable).Select(p => p.Pid)];

        string Describe() =>
            $"keeper executable: {keeperExecutable}\nprocesses in the namespace (pid, executable, name):\n"
            + string.Join('\n', space.Processes().Select(p => $"  {p.Pid} {p.Executable} {p.Name}"))
            + $"\n{string.Join('\n', transcript)}\n/var/log/autossh.log in the namespace:\n{KeeperLog(space)}";

        async Task<int> OneKeeperAsync(string after, int? replacing)
        {
            await Eventually.WaitUntilAsync(
                async () => Keepers() is [var keeper] && keeper != replacing && await ListensAsync(remotePort),
                () => $"one keeper{(replacing is null ? "" : $" other than {replacing}")} with its -R port open after {after}\n{Describe()}");
            var pid = Keepers().Single();
            Assert.True(space.Processes().Single(p => p.Pid == pid).Name == "autossh", $"keeper {pid} is not named autossh\n{Describe()}");
            return pid;
        }

        async Task NoKeeperAsync(string after) =>
            await Eventually.WaitUntilAsync(
                () => Task.FromResult(Keepers().Count == 0 && !space.Processes().Any(p => p.Name == "ssh")),
                () => $"no keeper and no ssh after {after}\n{Describe()}");

        await RunScriptAsync("start");
        var first = await OneKeeperAsync("start", replacing: null);

        await RunScriptAsync("restart");
        await OneKeeperAsync("restart", replacing: first);

        await RunScriptAsync("stop");
        await NoKeeperAsync("stop");

        await RunScriptAsync("restart");
        await OneKeeperAsync("a restart with nothing running", replacing: null);

        await RunScriptAsync("stop");
        await NoKeeperAsync("the second stop");
    }

    private static async Task<bool> ListensAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await client.ConnectAsync("127.0.0.1", port, timeout.Token);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>The script's log file, read through the namespace init's view of the file system.</summary>
    private static string KeeperLog(PidNamespace space)
    {
        try
        {
            return File.ReadAllText($"/proc/{space.InitPid}/root/var/log/autossh.log");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"(unreadable: {e.Message})";
        }
    }
}
