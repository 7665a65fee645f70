namespace SshKeep.Tests.Integration.Systemd;

/// <summary>How sshkeep gets into a <see cref="ThrowawaySystemd"/>.</summary>
internal static class SshkeepInstall
{
    /// <summary>A .deb to install instead of copying the binary under test (test.sh sets it after
    /// `./run.sh package`).</summary>
    public const string DebVariable = "SSHKEEP_TEST_DEB";

    /// <summary>
    /// Installs sshkeep in the machine and returns the command to run it there. With
    /// <c>SSHKEEP_TEST_DEB</c> naming a .deb, that package, with <c>dpkg -i</c> (/usr/bin/sshkeep);
    /// otherwise the binary under test (<see cref="SshkeepUnderTest.BinaryPath"/>: the apphost with
    /// the files beside it, or the one Native AOT file) copied to /usr/local/lib/sshkeep, with
    /// /usr/local/bin/sshkeep linked to it, as a tarball install would put it.
    /// </summary>
    public static async Task<string> InstallSshkeepAsync(this ThrowawaySystemd machine)
    {
        if (Environment.GetEnvironmentVariable(DebVariable) is { Length: > 0 } deb)
        {
            string inside = $"/var/cache/sshkeep-test/{Path.GetFileName(deb)}";
            machine.CopyInto(Path.GetFullPath(deb), inside);
            (await machine.ExecAsync(["dpkg", "-i", inside], TimeSpan.FromMinutes(2))).EnsureSuccess();
            return "/usr/bin/sshkeep";
        }
        string binary = SshkeepUnderTest.CopyTo(machine.PathInside("/usr/local/lib/sshkeep"));
        await machine.ExecSuccessfullyAsync("ln", "-sfn", $"/usr/local/lib/sshkeep/{Path.GetFileName(binary)}", "/usr/local/bin/sshkeep");
        return "/usr/local/bin/sshkeep";
    }
}
