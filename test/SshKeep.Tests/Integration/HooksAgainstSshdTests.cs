using System.Globalization;
using System.Text;
using SshKeep.Demo;
using SshKeep.Tests.Integration.Infrastructure;
using static SshKeep.Native.SignalNumbers;

namespace SshKeep.Tests.Integration;

/// <summary>
/// Event hooks in the real daemon: `sshkeep up` with one tunnel to a real sshd;
/// its on_up hook writes the SSHKEEP_* variables to a file, and on SIGTERM its on_down hook runs
/// before the daemon exits.
/// </summary>
public class HooksAgainstSshdTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);

    [SshdFact]
    public async Task On_up_runs_when_the_tunnel_comes_up_and_on_down_when_the_daemon_stops()
    {
        await using var sshd = await ThrowawaySshd.CreateAsync();
        await using var echo = EchoServer.Start();
        var directory = Directory.CreateTempSubdirectory("sshkeep-hooks-it-").FullName;
        try
        {
            var hook = Path.Combine(directory, "record.sh");
            await File.WriteAllTextAsync(hook, "#!/bin/sh\nenv | grep '^SSHKEEP_' | sort > \"$1/$SSHKEEP_EVENT.env\"\n");
            File.SetUnixFileMode(hook, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var config = Path.Combine(directory, "tunnels.yaml");
            var runDirectory = Directory.CreateDirectory(Path.Combine(directory, "run")).FullName;
            var yaml = new StringBuilder();
            yaml.AppendLine("defaults:");
            yaml.Append(sshd.TunnelKeysYaml("  "));
            yaml.AppendLine(CultureInfo.InvariantCulture, $"  hooks: {{ on_down: [\"{hook}\", \"{directory}\"] }}");
            yaml.AppendLine("tunnels:");
            yaml.AppendLine("  web:");
            yaml.AppendLine(CultureInfo.InvariantCulture, $"    destination: {sshd.Destination}");
            yaml.AppendLine(CultureInfo.InvariantCulture, $"    forwards: [ {{ local: \"127.0.0.1:{LoopbackPort.PickFree()}:127.0.0.1:{echo.Port}\" }} ]");
            yaml.AppendLine(CultureInfo.InvariantCulture, $"    hooks: {{ on_up: [\"{hook}\", \"{directory}\"] }}");
            await File.WriteAllTextAsync(config, yaml.ToString());

            await using var daemon = BackgroundProcess.Start(SshkeepUnderTest.BinaryPath, ["up", "-c", config, "--run-dir", runDirectory],
                new Dictionary<string, string?> { ["NOTIFY_SOCKET"] = null, ["WATCHDOG_USEC"] = null, ["JOURNAL_STREAM"] = null });

            var up = Path.Combine(directory, "up.env");
            await Eventually.WaitUntilAsync(() => Task.FromResult(File.Exists(up) && File.ReadAllText(up).Contains("SSHKEEP_RESTARTS", StringComparison.Ordinal)),
                () => $"the on_up hook to write {up}; the daemon said:\n{daemon.StandardError}", Generous);
            var variables = await File.ReadAllLinesAsync(up);
            Assert.Contains("SSHKEEP_TUNNEL=web", variables);
            Assert.Contains("SSHKEEP_EVENT=up", variables);
            Assert.Contains("SSHKEEP_STATE=up", variables);
            Assert.Contains("SSHKEEP_PREVIOUS_STATE=starting", variables);
            Assert.Contains(variables, v => v.StartsWith("SSHKEEP_TIMESTAMP=20", StringComparison.Ordinal) && v.EndsWith('Z'));
            Assert.Contains(variables, v => v.StartsWith("SSHKEEP_UNIX_TIME=", StringComparison.Ordinal));
            Assert.False(File.Exists(Path.Combine(directory, "down.env")), "no down before the tunnel went down");

            daemon.Signal(SIGTERM);

            Assert.Equal(0, await daemon.Exited.WaitAsync(Generous));
            var down = await File.ReadAllLinesAsync(Path.Combine(directory, "down.env"));
            Assert.Contains("SSHKEEP_EVENT=down", down);
            Assert.Contains("SSHKEEP_STATE=stopped", down);
            Assert.Contains("SSHKEEP_PREVIOUS_STATE=up", down);
            Assert.Contains("web: up hook", daemon.StandardError, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
