using System.Globalization;
using SshKeep.Demo;
using SshKeep.Tests.Integration.Infrastructure;

namespace SshKeep.Tests.Integration.Systemd;

/// <summary>
/// A real sshd inside a <see cref="ThrowawaySystemd"/>, on the machine's 127.0.0.1, run by the
/// machine's systemd as a transient unit (<c>systemd-run</c>), so it lives and dies with the
/// machine. Keys and sshd_config are made the way <see cref="ThrowawaySshd"/> makes them
/// (<see cref="SshdKeyMaterial"/>), then copied into the machine; tunnels log in as root with the
/// client key.
/// </summary>
internal sealed class MachineSshd
{
    /// <summary>The machine has a network namespace of its own, where nothing else listens.</summary>
    public const int Port = 2222;

    public const string Folder = "/etc/sshkeep-test-sshd";

    public const string Unit = "sshkeep-test-sshd.service";

    public const string Destination = "root@127.0.0.1";

    private MachineSshd(string hostPublicKey) => KnownHostsLine = $"[127.0.0.1]:{Port} {hostPublicKey}\n";

    /// <summary>The key sshd accepts (ed25519, no passphrase), inside the machine.</summary>
    public static string ClientKeyPath => $"{Folder}/client_ed25519_key";

    /// <summary>A key sshd does not accept: a tunnel using it needs attention.</summary>
    public static string WrongKeyPath => $"{Folder}/wrong_ed25519_key";

    public static string KnownHostsPath => $"{Folder}/known_hosts";

    /// <summary>The known_hosts line of this server, for an account's ~/.ssh/known_hosts.</summary>
    public string KnownHostsLine { get; }

    /// <summary>The keys of a tunnels file (a defaults: block) that reach this server with the client key.</summary>
    public static string TunnelKeysYaml(string indent) => ThrowawaySshd.TunnelKeysYaml(indent, Port, ClientKeyPath, KnownHostsPath);

    public static async Task<MachineSshd> StartAsync(ThrowawaySystemd machine)
    {
        var keys = Directory.CreateTempSubdirectory("sshkeep-machine-keys-");
        try
        {
            var made = await SshdKeyMaterial.CreateAsync(keys.FullName, Run.DefaultDeadline, TimeProvider.System, CancellationToken.None);
            await Run.SuccessfullyAsync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "sshkeep-throwaway-wrong", "-f", Path.Combine(keys.FullName, "wrong_ed25519_key")]);
            foreach (var file in Directory.EnumerateFiles(keys.FullName)) machine.CopyInto(file, $"{Folder}/{Path.GetFileName(file)}");

            var inside = made with
            {
                HostKeyPath = $"{Folder}/{Path.GetFileName(made.HostKeyPath)}",
                ClientKeyPath = ClientKeyPath,
                AuthorizedKeysPath = $"{Folder}/{Path.GetFileName(made.AuthorizedKeysPath)}",
            };
            var sshd = new MachineSshd(made.HostPublicKey);
            string config = $"{Folder}/sshd_config";
            await machine.WriteFileAsync(config, string.Join('\n', ["ListenAddress 127.0.0.1", $"Port {Port}", .. inside.CommonConfig(new ThrowawaySshdOptions())]) + "\n");
            await machine.WriteFileAsync(KnownHostsPath, sshd.KnownHostsLine);

            // -D -e: in the foreground, logging to stderr, i.e. to the machine's journal.
            await machine.ExecSuccessfullyAsync("systemd-run", $"--unit={Unit}", "--property=RuntimeDirectory=sshd", "--property=RuntimeDirectoryPreserve=yes",
                                                "/usr/sbin/sshd", "-D", "-e", "-f", config);
            string listening = string.Create(CultureInfo.InvariantCulture, $"Server listening on 127.0.0.1 port {Port}.");
            string log = "";
            await Eventually.WaitUntilAsync(async () =>
            {
                log = (await machine.JournalctlAsync("-u", Unit, "-o", "cat")).StandardOutput;
                return log.Contains(listening, StringComparison.Ordinal);
            }, () => $"the machine's sshd to listen; its journal:\n{log}");
            return sshd;
        }
        finally
        {
            keys.Delete(recursive: true);
        }
    }
}
