using System.Globalization;
using SshKeep.Cli;
using SshKeep.Daemon;
using SshKeep.Demo;
using SshKeep.Tests.Integration.Infrastructure;

namespace SshKeep.Tests.Integration;

/// <summary>
/// install-service --account: the daemon, started with the unit's own ExecStart arguments as a
/// throwaway account in the run directory systemd would make for it (RuntimeDirectory=), answers
/// `sshkeep status -c FILE` from root and from that account, neither of them passing a flag
/// (docs/daemon.md "Run directory"). No systemd is booted: the unit's settings are played by hand.
/// </summary>
public sealed class InstallServiceAccountTests
{
    [RootFact]
    public async Task A_daemon_run_as_the_units_account_answers_status_from_root_and_from_that_account()
    {
        string account = "skt" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())[..8];
        var folder = Directory.CreateTempSubdirectory("sshkeep-account-it-");
        string? runDirectory = null;
        BackgroundProcess? daemon = null;
        try
        {
            File.SetUnixFileMode(folder.FullName, (UnixFileMode)0x1ED /* 0755: the account reads the file */);
            await Run.SuccessfullyAsync("useradd", ["--system", "--no-create-home", "--home-dir", "/nonexistent", "--shell", "/usr/sbin/nologin", account]);
            string uid = (await Run.SuccessfullyAsync("id", ["-u", account])).StandardOutput.Trim();
            string gid = (await Run.SuccessfullyAsync("id", ["-g", account])).StandardOutput.Trim();
            string config = Path.Combine(folder.FullName, "office.yaml");
            string binary = SshkeepUnderTest.CopyForAnotherAccount(folder.FullName);
            // ssh that always fails: the tunnel never comes up, which is all `status` needs to show.
            await File.WriteAllTextAsync(config, SshKeep.Tests.Security.SshRunsWithAMinimalEnvironmentTests.OneTunnel("/bin/false"));

            var host = InstallServiceHost.Current() with { SshkeepCommand = [binary] };
            var spec = InstallServicePlan.Make(new InstallServiceOptions { ConfigPath = config, Account = account }, host).Unit!;
            string execStart = spec.Render().Split('\n').Single(l => l.StartsWith("ExecStart=", StringComparison.Ordinal));
            string[] command = execStart["ExecStart=".Length..].Split(' ');
            Assert.Equal([binary, "up", "-c", config, "--run-dir", spec.RunDirectory!], command);

            // What systemd does for RuntimeDirectory=sshkeep-service/KEY, RuntimeDirectoryMode=0700, User=account.
            runDirectory = spec.RunDirectory!;
            Directory.CreateDirectory(RunDirectory.ServiceParent, (UnixFileMode)0x1ED);
            Directory.CreateDirectory(runDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            await Run.SuccessfullyAsync("chown", [$"{uid}:{gid}", runDirectory]);

            var noSession = new Dictionary<string, string?> { ["XDG_RUNTIME_DIR"] = null, ["NOTIFY_SOCKET"] = null, ["WATCHDOG_USEC"] = null, ["JOURNAL_STREAM"] = null };
            daemon = BackgroundProcess.Start("setpriv", [$"--reuid={uid}", $"--regid={gid}", "--clear-groups", .. command], noSession);
            string socket = RunDirectory.Resolve(runDirectory, null, 0).For(config).SocketPath;
            await Eventually.WaitUntilAsync(() => File.Exists(socket) || daemon.HasExited, "the daemon's control socket", TimeSpan.FromSeconds(60));
            Assert.False(daemon.HasExited, $"the daemon exited: {daemon.StandardError}");

            var asRoot = await Run.ProgramAsync(binary, ["status", "-c", config], environment: noSession);
            var asAccount = await Run.ProgramAsync("setpriv", [$"--reuid={uid}", $"--regid={gid}", "--clear-groups", binary, "status", "-c", config],
                environment: noSession);

            // 1: the daemon answered, and its tunnel is not up (3 would be "no daemon").
            Assert.True(asRoot.ExitCode == 1, $"root: exit {asRoot.ExitCode}: {asRoot.StandardOutput}{asRoot.StandardError}");
            Assert.True(asAccount.ExitCode == 1, $"{account}: exit {asAccount.ExitCode}: {asAccount.StandardOutput}{asAccount.StandardError}");
            Assert.Contains(asRoot.StandardOutput.Split('\n'), l => l.StartsWith("t ", StringComparison.Ordinal));
            Assert.Contains(asAccount.StandardOutput.Split('\n'), l => l.StartsWith("t ", StringComparison.Ordinal));
        }
        finally
        {
            if (daemon is not null) await daemon.DisposeAsync();
            if (runDirectory is not null && Directory.Exists(runDirectory)) Directory.Delete(runDirectory, recursive: true);
            await Run.ProgramAsync("userdel", [account]);
            folder.Delete(recursive: true);
        }
    }
}
