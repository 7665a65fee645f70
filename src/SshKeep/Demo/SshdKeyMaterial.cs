using SshKeep.Ssh;

namespace SshKeep.Demo;

/// <summary>A fresh ed25519 host key, client key (no passphrase) and an authorized_keys admitting it, in one private
/// folder per fixture, so nothing depends on, or touches, the machine's own keys or ~/.ssh.</summary>
internal sealed record SshdKeyMaterial(string HostKeyPath, string HostPublicKey, string ClientKeyPath, string AuthorizedKeysPath)
{
    public static async Task<SshdKeyMaterial> CreateAsync(
        string directory, TimeSpan deadline, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var keygen = DemoTools.Find("ssh-keygen")
                     ?? throw new InvalidOperationException("ssh-keygen not found (apt-get install openssh-client)");
        var hostKey = Path.Combine(directory, "ssh_host_ed25519_key");
        var clientKey = Path.Combine(directory, "client_ed25519_key");
        await Task.WhenAll(
            Generate(hostKey, "sshkeep-throwaway-host"),
            Generate(clientKey, "sshkeep-throwaway-client")).ConfigureAwait(false);

        // ssh refuses a private key that others can read; ssh-keygen already writes 0600, but a
        // umask or a copied folder should not be able to break the fixture.
        File.SetUnixFileMode(clientKey, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var authorizedKeys = Path.Combine(directory, "authorized_keys");
        await File.WriteAllTextAsync(authorizedKeys, await File.ReadAllTextAsync(clientKey + ".pub", cancellationToken).ConfigureAwait(false),
                                     cancellationToken).ConfigureAwait(false);
        var hostPublic = (await File.ReadAllTextAsync(hostKey + ".pub", cancellationToken).ConfigureAwait(false)).Split(' ');
        return new SshdKeyMaterial(hostKey, $"{hostPublic[0]} {hostPublic[1]}", clientKey, authorizedKeys);

        async Task Generate(string file, string comment) =>
            (await ProcessRunner.RunAsync(keygen, ["-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", file],
                                          deadline, timeProvider: timeProvider, cancellationToken: cancellationToken)
                                .ConfigureAwait(false)).EnsureSuccess();
    }

    /// <summary>The sshd_config lines both fixtures share. Paths are absolute because sshd resolves relative
    /// ones against / after re-exec; StrictModes is off because the temp folder is world-readable /tmp.</summary>
    public IEnumerable<string> CommonConfig(ThrowawaySshdOptions options) =>
    [
        $"HostKey {HostKeyPath}",
        $"AuthorizedKeysFile {AuthorizedKeysPath}",
        "StrictModes no",
        "PermitRootLogin prohibit-password",
        "PasswordAuthentication no",
        "KbdInteractiveAuthentication no",
        "UsePAM no",
        "AllowTcpForwarding yes",
        "GatewayPorts no",
        // Debian's default PrintMotd/PrintLastLog would only add noise to sessions with a command.
        "PrintMotd no",
        "PrintLastLog no",
        $"ClientAliveInterval {(int)options.ClientAliveInterval.TotalSeconds}",
        "ClientAliveCountMax 3",
        "LogLevel VERBOSE",
        .. options.ExtraConfig,
    ];
}
