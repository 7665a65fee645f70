using System.Diagnostics;
using Xunit.Abstractions;

namespace SshKeep.Tests.Integration.Systemd;

/// <summary>
/// The unit install-service writes, under a real systemd: one broken tunnel (a key the server
/// refuses) does not hold `systemctl start` (docs/daemon.md "Readiness"), and `systemctl status`
/// says what is up and what needs attention (the STATUS= line).
/// </summary>
[Collection(ThrowawaySystemdCollection.Name)]
public sealed class ServiceStartTests(SshkeepMachineFixture fixture, ITestOutputHelper output)
{
    /// <summary>The bound the issue sets for `systemctl start` with a broken tunnel.</summary>
    private static readonly TimeSpan StartBound = TimeSpan.FromSeconds(20);

    [SystemdFact]
    public async Task Systemctl_start_returns_with_one_good_and_one_broken_tunnel_and_status_shows_which_is_which()
    {
        var service = await MachineService.InstallAsync(fixture, "/etc/sshkeep/start.yaml", MachineService.Yaml(
        [
            new MachineTunnel("good", 10001),
            new MachineTunnel("broken", 10002, $"identity_file: {MachineSshd.WrongKeyPath}"),
        ]));
        try
        {
            (await service.SystemctlAsync("enable")).EnsureSuccess();
            var clock = Stopwatch.StartNew();
            var start = await fixture.Machine.ExecAsync(["systemctl", "start", service.Unit], StartBound);
            output.WriteLine($"systemctl start {service.Unit}: exit {start.ExitCode} after {clock.Elapsed.TotalSeconds:0.00} s");
            Assert.False(start.TimedOut, $"systemctl start did not return within {StartBound.TotalSeconds} s:\n{await service.DescribeAsync()}");
            Assert.True(start.Succeeded, $"systemctl start failed: {start.StandardError}\n{await service.DescribeAsync()}");
            Assert.Equal("active", await service.PropertyAsync("ActiveState"));

            // READY=1 came with a STATUS= line naming the worst problem; systemctl status shows it.
            var status = await service.SystemctlAsync("status");
            output.WriteLine(status.StandardOutput);
            Assert.Contains("Status: \"1/2 up; broken: needs-attention (", status.StandardOutput, StringComparison.Ordinal);
            await service.WaitForStatesAsync(("good", "up"), ("broken", "needs-attention"));
        }
        finally
        {
            await service.RemoveAsync();
        }
    }
}
