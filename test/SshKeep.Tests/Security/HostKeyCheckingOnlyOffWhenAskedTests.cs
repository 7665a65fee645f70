using System.Runtime.CompilerServices;
using SshKeep.Compat;
using SshKeep.Config;
using SshKeep.Ssh;
using SshKeep.Tests.Supervision;

namespace SshKeep.Tests.Security;

/// <summary>
/// Secure default: sshkeep never turns host key checking off by itself; <c>StrictHostKeyChecking</c>
/// reaches ssh only when the user wrote it, and "no" is warned about by <c>check</c> and in the
/// daemon's log. The existing tests that prove the rest are cited in docs/security.md
/// (TunnelSshArgumentsTests, ConfigLoaderTests, ConfigCheckTests, ConfigErrorTests,
/// TunnelSupervisorTests).
/// </summary>
public sealed class HostKeyCheckingOnlyOffWhenAskedTests
{
    [Fact]
    public void No_tunnel_of_the_example_file_gets_StrictHostKeyChecking_unless_its_file_says_so()
    {
        var text = File.ReadAllText(ExamplePath()).Replace("StrictHostKeyChecking: accept-new", "Compression: \"yes\"", StringComparison.Ordinal);
        var config = Assert.IsType<ConfigLoadResult.Valid>(ConfigLoader.Parse(text, "tunnels.yaml", "/home/u")).Config;

        Assert.All(config.Tunnels, tunnel =>
        {
            Assert.DoesNotContain(TunnelSshArguments.Build(tunnel), a => a.Contains("StrictHostKeyChecking", StringComparison.OrdinalIgnoreCase));
            Assert.False(tunnel.InsecureHostKeyChecking);
        });
    }

    [Theory]
    [InlineData("-M 0 host")]
    [InlineData("-M 20000 -N -L 8080:localhost:80 user@host")]
    [InlineData("-M 20000:7 -f -o ServerAliveInterval=30 host")]
    public void Compatibility_mode_adds_no_host_key_option_to_what_the_user_wrote(string commandLine)
    {
        var run = Assert.IsType<CompatParseResult.Run>(
            CompatCommandLine.Parse("autossh", commandLine.Split(' '), new Dictionary<string, string>(), () => 20000));

        Assert.DoesNotContain(run.Settings.SshArguments, a => a.Contains("StrictHostKeyChecking", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("accept-new")]
    [InlineData("ask")]
    public async Task Checking_that_stays_on_is_not_warned_about(string value)
    {
        await using var h = new TunnelSupervisorHarness(c => c with { SshOptions = [new("StrictHostKeyChecking", value)] });
        await h.Launcher.NextStartAsync();

        Assert.DoesNotContain(h.Log.Texts, t => t.Contains("StrictHostKeyChecking", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("no")]
    [InlineData("off")]
    [InlineData("false")]
    public async Task Every_spelling_of_off_is_warned_about_at_each_start(string value)
    {
        await using var h = new TunnelSupervisorHarness(c => c with { SshOptions = [new("StrictHostKeyChecking", value)] });
        await h.Launcher.NextStartAsync();

        Assert.Contains(h.Log.Texts, t => t.Contains($"StrictHostKeyChecking={value}", StringComparison.Ordinal) && t.Contains("man in the middle", StringComparison.Ordinal));
    }

    private static string ExamplePath([CallerFilePath] string thisFile = "") =>
        Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "..", "..", "docs", "examples", "tunnels.yaml");
}
