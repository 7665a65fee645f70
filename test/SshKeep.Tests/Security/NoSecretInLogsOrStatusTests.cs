using System.Globalization;
using SshKeep.Tests.Daemon;
using SshKeep.Tests.Health;
using SshKeep.Tests.Integration.Infrastructure;

namespace SshKeep.Tests.Security;

/// <summary>
/// Secure default: no secret reaches the daemon's log, its status (CLI, JSON, status file) or a
/// control answer: not the contents of the identity file (only its path is ever named), and not
/// a passphrase-like variable of sshkeep's environment. The control protocol never echoes file
/// contents, not even for a request or a reload that names the key file. (Metrics and the web
/// page are covered with the HTTP listener: see docs/security.md.)
/// </summary>
public sealed class NoSecretInLogsOrStatusTests
{
    private const string KeyMaterial = "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQSECRETKEYMATERIAL";
    private const string Passphrase = "correct-horse-battery-staple-SECRETPASSPHRASE";

    [Fact]
    public async Task Key_contents_and_secret_variables_appear_in_no_log_status_or_control_answer()
    {
        using var temp = new SshKeep.Tests.Fakes.TempDirectory();
        var key = temp.File("id_test");
        File.WriteAllText(key, $"-----BEGIN OPENSSH PRIVATE KEY-----\n{KeyMaterial}\n-----END OPENSSH PRIVATE KEY-----\n");
        File.SetUnixFileMode(key, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        // ssh complains and fails, as a real one might: its lines are logged and become the last error.
        using var ssh = new FakeSshScript("""
            if [ "$1" = "-G" ]; then printf 'hostname 127.0.0.1\nport 22\nproxycommand /bin/false\n'; exit 0; fi
            echo "Load key \"$(for a; do p=$n; n=$a; [ "$p" = -i ] && echo "$a"; done)\": error in libcrypto" >&2
            echo "user@127.0.0.1: Permission denied (publickey)." >&2
            exit 255
            """);
        var yaml = SshRunsWithAMinimalEnvironmentTests.OneTunnel(ssh.Path).Replace("    ssh_path:", $"    identity_file: {key}\n    ssh_path:", StringComparison.Ordinal);
        await using var daemon = DaemonUnderTest.Start(yaml, new Dictionary<string, string?> { ["SSHKEEP_TEST_PASSPHRASE"] = Passphrase },
            upArguments: ["--log-level", "debug"]);
        await daemon.AnsweringAsync();
        await Eventually.WaitUntilAsync(async () => (await daemon.TunnelsAsync()).Any(t => t.GetProperty("state").GetString() == "needs-attention"),
            "the tunnel to need attention");

        var seen = new List<(string Where, string Text)>
        {
            ("status", (await daemon.CliAsync("status")).StandardOutput),
            ("status --json", (await daemon.CliAsync("status", "--json")).StandardOutput),
            ("the status file", File.ReadAllText(daemon.Paths.StatusPath)),
            ("restart", Output(await daemon.CliAsync("restart", "t"))),
            ("check", Output(await daemon.CliAsync("check"))),
        };
        foreach (var request in new[] { $"restart {key}", $"{{\"command\":\"status\",\"tunnel\":\"{key}\"}}", key, $"reload {key}" })
        {
            using var connection = await RawControlConnection.ConnectAsync(daemon.Paths.SocketPath);
            await connection.SendAsync(request + "\n");
            seen.Add(($"the answer to {request}", await connection.ReadToEndAsync()));
        }
        // A reload of a file that names the key in a wrong place: the error quotes the config, never the key.
        File.WriteAllText(daemon.ConfigPath, yaml.Replace("    ssh_path:", $"    port: {key}\n    ssh_path:", StringComparison.Ordinal));
        seen.Add(("reload", Output(await daemon.CliAsync("reload"))));
        await daemon.StopAsync();
        seen.Add(("the daemon's log", daemon.StandardError));

        Assert.Contains(seen, s => s.Where == "the daemon's log" && s.Text.Contains("Permission denied (publickey)", StringComparison.Ordinal));
        Assert.Contains(seen, s => s.Where == "reload" && s.Text.Contains("tunnels.t.port", StringComparison.Ordinal));
        foreach (var (where, text) in seen)
        {
            Assert.False(text.Contains("SECRETKEYMATERIAL", StringComparison.Ordinal), $"{where} shows the key's contents:\n{text}");
            Assert.False(text.Contains("BEGIN OPENSSH", StringComparison.Ordinal), $"{where} shows the key's contents:\n{text}");
            Assert.False(text.Contains("SECRETPASSPHRASE", StringComparison.Ordinal), $"{where} shows a secret variable:\n{text}");
        }
    }

    private static string Output(SshKeep.Demo.ProcessResult result) =>
        string.Create(CultureInfo.InvariantCulture, $"exit {result.ExitCode}\n{result.StandardOutput}{result.StandardError}");
}
