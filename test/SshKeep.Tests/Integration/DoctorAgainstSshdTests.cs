using System.Globalization;
using SshKeep.Demo;
using SshKeep.Tests.Integration.Infrastructure;

namespace SshKeep.Tests.Integration;

/// <summary>
/// The real `sshkeep doctor` against a real sshd: real ssh -V and ssh -G,
/// ssh-keygen -F, /proc, statx and a TCP connect. A tunnel set up like the integration tests'
/// passes every tunnel check; the machine's own checks may warn only where docs/doctor.md says.
/// </summary>
public class DoctorAgainstSshdTests
{
    [SshdFact]
    public async Task A_tunnel_to_a_working_sshd_passes_and_a_stopped_one_fails_its_server_check()
    {
        await using var sshd = await ThrowawaySshd.CreateAsync();
        var directory = Directory.CreateTempSubdirectory("sshkeep-doctor-it-").FullName;
        try
        {
            var config = Path.Combine(directory, "tunnels.yaml");
            await File.WriteAllTextAsync(config, string.Join('\n',
                "tunnels:",
                "  web:",
                $"    destination: {sshd.Destination}",
                string.Create(CultureInfo.InvariantCulture, $"    port: {sshd.Port}"),
                $"    identity_file: {sshd.ClientKeyPath}",
                "    ssh_options:",
                $"      UserKnownHostsFile: {sshd.KnownHostsPath}",
                "      StrictHostKeyChecking: \"yes\"",
                string.Create(CultureInfo.InvariantCulture, $"    forwards: [ {{ local: \"127.0.0.1:{LoopbackPort.PickFree()}:127.0.0.1:9\" }} ]"),
                ""));

            var healthy = await Run.ProgramAsync(SshkeepUnderTest.BinaryPath, ["doctor", "-c", config]);

            var lines = healthy.StandardOutput.Split('\n');
            var tunnelChecks = lines.SkipWhile(l => !l.StartsWith("tunnel web:", StringComparison.Ordinal)).Skip(1)
                                    .Where(l => l.StartsWith("  ", StringComparison.Ordinal) && !l.StartsWith("   ", StringComparison.Ordinal)).ToList();
            Assert.True(tunnelChecks.Count == 4 && tunnelChecks.All(l => l.StartsWith("  ok ", StringComparison.Ordinal)), healthy.StandardOutput + healthy.StandardError);
            Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"[127.0.0.1]:{sshd.Port} is in {sshd.KnownHostsPath}"), healthy.StandardOutput, StringComparison.Ordinal);
            Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{sshd.Port} answers"), healthy.StandardOutput, StringComparison.Ordinal);
            // Only the machine's checks may warn (an old ssh, an unreadable /proc): docs/doctor.md.
            Assert.DoesNotContain(lines, l => l.StartsWith("  fail ", StringComparison.Ordinal));
            Assert.Equal(lines.Any(l => l.StartsWith("  warn ", StringComparison.Ordinal)) ? 1 : 0, healthy.ExitCode);

            await sshd.StopAsync();
            var stopped = await Run.ProgramAsync(SshkeepUnderTest.BinaryPath, ["doctor", "-c", config]);

            Assert.Equal(1, stopped.ExitCode);
            Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"  fail  server: 127.0.0.1:{sshd.Port} refused the connection (the host is there, nothing listens on the port)"),
                stopped.StandardOutput, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
