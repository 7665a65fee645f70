using SshKeep.Demo;
using SshKeep.Tests.Integration.Infrastructure;
using Xunit.Abstractions;

namespace SshKeep.Tests.Integration.Systemd;

/// <summary>
/// The harness itself: a throwaway systemd boots to running in its own namespaces on an overlay of
/// /, and nothing it does reaches the host (its /tmp, its /etc, its processes, mounts or cgroups).
/// </summary>
[Collection(ThrowawaySystemdCollection.Name)]
public sealed class ThrowawaySystemdTests(ITestOutputHelper output)
{
    [SystemdFact]
    public async Task A_throwaway_systemd_boots_on_an_overlay_of_root_and_leaves_the_host_as_it_was()
    {
        // A file in the host's /tmp: systemd's tmpfiles step would empty that /tmp if it booted on it.
        var marker = Directory.CreateTempSubdirectory("sshkeep-machine-marker-");
        int pid = 0;
        string? cgroup = null;
        try
        {
            await using (var machine = await ThrowawaySystemd.BootAsync())
            {
                pid = machine.Pid;
                output.WriteLine($"booted to {machine.BootState} in {machine.BootTime.TotalSeconds:0.00} s");
                // degraded would mean a unit failed: one more to mask in the boot script; the message names it.
                if (machine.BootState != "running") Assert.Fail($"booted to {machine.BootState}:\n{await machine.DescribeAsync()}");
                // "0::/sshkeep-machine-…/init.scope": systemd's tree is below a cgroup of the machine's own.
                cgroup = File.ReadAllLines($"/proc/{pid}/cgroup").Single(l => l.StartsWith("0::", StringComparison.Ordinal))[3..].Split('/')[1];
                Assert.StartsWith("sshkeep-machine-", cgroup, StringComparison.Ordinal);

                Assert.Equal(ThrowawaySystemd.HostName, (await machine.ExecSuccessfullyAsync("hostname")).StandardOutput.Trim());
                Assert.Equal("overlay", (await machine.ExecSuccessfullyAsync("findmnt", "-n", "-o", "FSTYPE", "/")).StandardOutput.Trim());
                Assert.Equal("tmpfs", (await machine.ExecSuccessfullyAsync("findmnt", "-n", "-o", "FSTYPE", "/tmp")).StandardOutput.Trim());
                Assert.False((await machine.ExecAsync(["test", "-e", marker.FullName])).Succeeded, "the host's /tmp is visible in the machine");
                Assert.Equal(["lo"], (await machine.ExecSuccessfullyAsync("ls", "/sys/class/net")).StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries));

                // Written inside, seen inside, never on the host.
                await machine.WriteFileAsync("/etc/sshkeep-machine-probe", "inside\n");
                Assert.Equal("inside", (await machine.ExecSuccessfullyAsync("cat", "/etc/sshkeep-machine-probe")).StandardOutput.Trim());
                Assert.False(File.Exists("/etc/sshkeep-machine-probe"));
            }

            Assert.True(Directory.Exists(marker.FullName), "the host's /tmp lost a file");
            Assert.Null(ProcessTable.Identify(pid));
            Assert.DoesNotContain(cgroup!, File.ReadAllText("/proc/self/mountinfo"), StringComparison.Ordinal);
            Assert.False(Directory.Exists(Path.Combine(ThrowawaySystemd.CgroupTwoMount()!, cgroup!)), $"the machine's cgroup {cgroup} is left");
        }
        finally
        {
            marker.Delete(recursive: true);
        }
    }

    [SystemdFact]
    public async Task The_boot_script_refuses_to_run_unless_it_is_pid_1_of_a_new_pid_namespace()
    {
        // Private mounts, host name and network even so: were the check gone, nothing would reach the host.
        var temp = Directory.CreateTempSubdirectory("sshkeep-machine-");
        try
        {
            var refused = await Run.ProgramAsync("unshare", ["--mount", "--uts", "--net", "--", "/bin/sh", ThrowawaySystemd.BootScript, temp.FullName, temp.Name],
                                                 TimeSpan.FromSeconds(30));
            Assert.Equal(97, refused.ExitCode);
            Assert.Contains("not PID 1 of a new PID namespace", refused.StandardError, StringComparison.Ordinal);
            Assert.Empty(temp.EnumerateFileSystemInfos());
        }
        finally
        {
            temp.Delete(recursive: true);
        }
    }
}
