using SshKeep.Demo;
using SshKeep.Ssh;
using SshKeep.Tests.Fakes;
using SshKeep.Tests.Integration.Infrastructure;

namespace SshKeep.Tests.Packaging;

/// <summary>
/// The arm64 package's program runs: under qemu-aarch64-static (package qemu-user-static), called
/// explicitly, with the machine's multiarch arm64 C library (libc6:arm64, which ./run.sh package
/// installs to cross-compile). Not with -L /usr/aarch64-linux-gnu: that cross-toolchain loader
/// would load the multiarch libc of another build, and the program hangs in pthread_create.
/// </summary>
public sealed class Arm64UnderQemuTests(ExtractedPackages packages) : IClassFixture<ExtractedPackages>
{
    private string Program => packages["arm64"].File("/usr/bin/sshkeep");

    private static string Qemu => DemoTools.Find("qemu-aarch64-static")
        ?? throw new InvalidOperationException("qemu-aarch64-static is not installed (test.sh installs it as root: apt-get install qemu-user-static)");

    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);

    [BuiltPackageFact]
    public async Task Version_prints_sshkeeps_line()
    {
        var result = await Run.ProgramAsync(Qemu, [Program, "-V"], Deadline);

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal($"sshkeep {BuiltPackages.Version} (autossh 1.4g compatible)", result.StandardOutput.Trim());
    }

    [BuiltPackageFact]
    public async Task Check_accepts_the_packaged_example()
    {
        string example = packages["arm64"].File("/usr/share/doc/sshkeep/examples/tunnels.yaml");

        var result = await Run.ProgramAsync(Qemu, [Program, "check", "-c", example], Deadline, new Dictionary<string, string?> { ["SSHKEEP_CONFIG"] = null });

        Assert.True(result.Succeeded, result.ToString());
        Assert.Contains($"{example}: 4 tunnels OK", result.StandardOutput, StringComparison.Ordinal);
    }

    [BuiltPackageFact]
    public async Task Called_as_autossh_it_restarts_a_failed_ssh_and_ends_when_ssh_ends_cleanly()
    {
        using var ssh = FakeSsh.WithPlan("exit 255", "exit 0");
        var environment = new Dictionary<string, string?>(ssh.Environment) { ["AUTOSSH_GATETIME"] = "0", ["AUTOSSH_LOGFILE"] = null, ["AUTOSSH_DEBUG"] = null };

        // -0 sets argv[0], as the /usr/bin/autossh link does.
        var result = await Run.ProgramAsync(Qemu, ["-0", "autossh", Program, "-M", "0", "-N", "-L", "15432:localhost:5432", "deploy@bastion.example"], Deadline, environment);

        Assert.True(result.Succeeded, result.ToString());
        var starts = ssh.Starts();
        Assert.Equal(2, starts.Count);
        Assert.All(starts, s => Assert.Equal("deploy@bastion.example", s.Arguments[^1]));
    }
}
