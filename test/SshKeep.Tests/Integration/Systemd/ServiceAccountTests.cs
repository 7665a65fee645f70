using SshKeep.Tests.Integration.Infrastructure;

namespace SshKeep.Tests.Integration.Systemd;

/// <summary>
/// `install-service --account NAME` under a real systemd: the account exists in the machine only
/// (the overlay keeps the host's /etc/passwd as it is), its tunnels authenticate with that
/// account's own ~/.ssh key (the tunnels file names no key), and `sshkeep status`, `reload` and
/// `restart` reach the daemon from root and from that account alike (docs/daemon.md "Run directory").
/// </summary>
[Collection(ThrowawaySystemdCollection.Name)]
public sealed class ServiceAccountTests(SshkeepMachineFixture fixture)
{
    private const string Account = "sshkeeper";

    [SystemdFact]
    public async Task A_unit_for_a_dedicated_account_runs_ssh_as_it_with_its_key_and_answers_root_and_the_account()
    {
        var machine = fixture.Machine;
        MachineService? service = null;
        try
        {
            await machine.ExecSuccessfullyAsync("useradd", "--system", "--create-home", "--home-dir", $"/home/{Account}", "--shell", "/usr/sbin/nologin", Account);
            // Only this account's ~/.ssh holds the key the machine's sshd accepts.
            await machine.ExecSuccessfullyAsync("sh", "-c",
                "install -d -m 0700 -o \"$1\" -g \"$1\" \"/home/$1/.ssh\" && install -m 0600 -o \"$1\" -g \"$1\" \"$2\" \"/home/$1/.ssh/id_ed25519\" && " +
                "install -m 0644 -o \"$1\" -g \"$1\" \"$3\" \"/home/$1/.ssh/known_hosts\"",
                "sh", Account, MachineSshd.ClientKeyPath, MachineSshd.KnownHostsPath);
            const string defaults = "  port: 2222\n  ssh_options:\n    StrictHostKeyChecking: \"yes\"\n";
            service = await MachineService.InstallAsync(fixture, "/etc/sshkeep/account.yaml",
                MachineService.Yaml([new MachineTunnel("web", 10011), new MachineTunnel("db", 10012)], defaults), Account);
            (await service.SystemctlAsync("enable", "--now")).EnsureSuccess();
            await service.AllUpAsync("web", "db");

            var pids = await service.SshPidsAsync();
            foreach (var (name, pid) in pids)
            {
                Assert.Equal(Account, (await machine.ExecSuccessfullyAsync("ps", "-o", "user=", "-p", $"{pid}")).StandardOutput.Trim());
            }
            int daemon = await service.MainPidAsync();

            foreach (var who in new[] { null, Account })
            {
                string caller = who ?? "root";
                var status = await service.CliAsync("status", account: who);
                Assert.True(status.ExitCode == 0, $"status as {caller}: exit {status.ExitCode}: {status.StandardOutput}{status.StandardError}");
                Assert.Contains(status.StandardOutput.Split('\n'), l => l.StartsWith("web ", StringComparison.Ordinal) && l.Contains(" up", StringComparison.Ordinal));

                var reload = await service.CliAsync("reload", account: who);
                Assert.True(reload.Succeeded, $"reload as {caller}: exit {reload.ExitCode}: {reload.StandardOutput}{reload.StandardError}");

                int before = (await service.SshPidsAsync())["web"];
                var restart = await service.CliAsync("restart", ["web"], who);
                Assert.True(restart.Succeeded, $"restart web as {caller}: exit {restart.ExitCode}: {restart.StandardOutput}{restart.StandardError}");
                await Eventually.WaitUntilAsync(async () => (await service.SshPidsAsync()).TryGetValue("web", out var now) && now != before,
                    $"a new ssh for web after restart as {caller}");
                await service.AllUpAsync("web", "db");
            }
            // The same daemon answered every time: reload and restart NAME never restart the unit.
            Assert.Equal(daemon, await service.MainPidAsync());
            Assert.Equal(pids["db"], (await service.SshPidsAsync())["db"]);
        }
        finally
        {
            if (service is not null) await service.RemoveAsync();
            await machine.ExecAsync(["userdel", "--remove", Account]);
        }
    }
}
