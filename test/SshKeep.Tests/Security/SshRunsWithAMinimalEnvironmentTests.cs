using System.Globalization;
using SshKeep.Demo;
using SshKeep.Ssh;
using SshKeep.Tests.Health;
using SshKeep.Tests.Integration;
using SshKeep.Tests.Integration.Infrastructure;

namespace SshKeep.Tests.Security;

/// <summary>
/// Secure default: in daemon mode ssh gets only the variables of <see cref="SshEnvironment"/>
/// (docs/security.md lists them with the reason for each); compatibility mode passes the whole
/// environment, as autossh does.
/// </summary>
public sealed class SshRunsWithAMinimalEnvironmentTests
{
    [Theory]
    [InlineData("HOME", true)]
    [InlineData("USER", true)]
    [InlineData("LOGNAME", true)]
    [InlineData("PATH", true)]
    [InlineData("SHELL", true)]
    [InlineData("LANG", true)]
    [InlineData("LC_ALL", true)]
    [InlineData("LC_CTYPE", true)]
    [InlineData("TZ", true)]
    [InlineData("SSH_AUTH_SOCK", true)]
    [InlineData("KRB5CCNAME", true)]
    [InlineData("TMPDIR", true)]
    [InlineData("XDG_RUNTIME_DIR", true)]
    // BatchMode=yes: ssh must never prompt, so nothing that would let it.
    [InlineData("SSH_ASKPASS", false)]
    [InlineData("SSH_ASKPASS_REQUIRE", false)]
    [InlineData("DISPLAY", false)]
    [InlineData("WAYLAND_DISPLAY", false)]
    // Code injection and other programs' settings.
    [InlineData("LD_PRELOAD", false)]
    [InlineData("LD_LIBRARY_PATH", false)]
    [InlineData("DOTNET_gcServer", false)]
    [InlineData("AWS_SECRET_ACCESS_KEY", false)]
    [InlineData("GITHUB_TOKEN", false)]
    // Near misses: names are case-sensitive and LC_ needs a category.
    [InlineData("LC_", false)]
    [InlineData("lc_all", false)]
    [InlineData("home", false)]
    [InlineData("PATH2", false)]
    [InlineData("", false)]
    public void Only_the_documented_variables_are_passed_to_ssh(string name, bool allowed) =>
        Assert.Equal(allowed, SshEnvironment.IsAllowed(name));

    [Fact]
    public void None_of_systemds_variables_for_sshkeep_reach_ssh()
    {
        Assert.All(SystemdEnvironment.ChildVariablesToRemove, name => Assert.False(SshEnvironment.IsAllowed(name), name));
    }

    [Fact]
    public void The_daemon_environment_keeps_the_allowed_values_unchanged_and_drops_the_rest()
    {
        var inherited = new Dictionary<string, string>
        {
            ["HOME"] = "/home/ada", ["PATH"] = "/usr/bin:/bin", ["LC_TIME"] = "de_DE.UTF-8", ["SSH_AUTH_SOCK"] = "/run/user/1000/agent",
            ["TZ"] = "", ["NOTIFY_SOCKET"] = "/run/systemd/notify", ["SSH_ASKPASS"] = "/usr/bin/ksshaskpass", ["MY_TOKEN"] = "s3cret",
        };

        var environment = SshEnvironment.ForDaemon(inherited);

        Assert.Equal(
            ["HOME=/home/ada", "LC_TIME=de_DE.UTF-8", "PATH=/usr/bin:/bin", "SSH_AUTH_SOCK=/run/user/1000/agent", "TZ="],
            environment.Select(kv => $"{kv.Key}={kv.Value}"));
    }

    [Fact]
    public async Task A_cleared_start_gives_the_child_exactly_the_variables_it_was_given()
    {
        using var reaper = new ChildReaper();
        using var temp = new SshKeep.Tests.Fakes.TempDirectory();
        var dump = temp.File("env");
        Environment.SetEnvironmentVariable("SSHKEEP_TEST_INHERITED", "leak");
        try
        {
            await using var process = new PosixSshLauncher(reaper, TimeProvider.System).Start(new SshStartInfo(
                "/bin/sh", ["-c", $"/usr/bin/env > '{dump}'"], new Dictionary<string, string?> { ["A"] = "1", ["B"] = "two words", ["C"] = null },
                ClearEnvironment: true));
            await process.Exited.Within();
        }
        finally
        {
            Environment.SetEnvironmentVariable("SSHKEEP_TEST_INHERITED", null);
        }

        // sh itself adds PWD (and may add SHLVL and _); nothing of ours beyond A and B.
        var names = File.ReadAllLines(dump).Select(l => l.Split('=', 2)[0]).Where(n => n is not ("PWD" or "SHLVL" or "_")).Order(StringComparer.Ordinal);
        Assert.Equal(["A", "B"], names);
        Assert.Contains("B=two words", File.ReadAllLines(dump));
    }

    [Fact]
    public async Task The_daemons_ssh_sees_only_the_allowed_variables()
    {
        using var temp = new SshKeep.Tests.Fakes.TempDirectory();
        var dump = temp.File("ssh-env");
        using var ssh = EnvironmentDumpingSsh(dump);
        var environment = new Dictionary<string, string?>
        {
            ["HOME"] = "/home/sshkeep-test", ["LANG"] = "C.UTF-8", ["LC_TIME"] = "C", ["TZ"] = "UTC", ["SSH_AUTH_SOCK"] = "/tmp/agent.sock",
            ["KRB5CCNAME"] = "FILE:/tmp/krb5cc_test", ["TMPDIR"] = "/tmp", ["XDG_RUNTIME_DIR"] = "/tmp/xdg-test",
            ["SSH_ASKPASS"] = "/bin/false", ["DISPLAY"] = ":0", ["SSHKEEP_TEST_SECRET"] = "do-not-pass", ["LISTEN_FDS"] = "0",
            ["SYSTEMD_EXEC_PID"] = "1",
        };
        await using var daemon = DaemonUnderTest.Start(OneTunnel(ssh.Path), environment);

        var lines = await Eventually.WaitForAsync(() => File.Exists(dump) && File.ReadAllText(dump).EndsWith("END\n", StringComparison.Ordinal) ? File.ReadAllLines(dump) : null,
            "the fake ssh to write its environment", TimeSpan.FromSeconds(60));

        // Besides the allowed ones, only the two variables sshkeep sets to know its own ssh again
        // after it was killed (docs/daemon.md "When the daemon dies").
        string[] marks = [SshKeep.Daemon.OrphanRule.InstanceVariable, SshKeep.Daemon.OrphanRule.TunnelVariable];
        var seen = lines.Where(l => l != "END").Select(l => l.Split('=', 2)[0]).Where(n => n is not ("PWD" or "SHLVL" or "_")).ToHashSet();
        Assert.All(seen.Except(marks), name => Assert.True(SshEnvironment.IsAllowed(name), $"ssh got {name}"));
        Assert.Subset(seen, new HashSet<string>(["HOME", "LANG", "LC_TIME", "TZ", "SSH_AUTH_SOCK", "KRB5CCNAME", "TMPDIR", "XDG_RUNTIME_DIR", "PATH", .. marks]));
        Assert.Contains("SSH_AUTH_SOCK=/tmp/agent.sock", lines);
    }

    [Fact]
    public async Task Compatibility_mode_passes_the_whole_environment_as_autossh_does()
    {
        using var temp = new SshKeep.Tests.Fakes.TempDirectory();
        var dump = temp.File("ssh-env");
        using var ssh = EnvironmentDumpingSsh(dump, thenExit: true);

        var result = await Run.ProgramAsync(SshkeepUnderTest.BinaryPath, ["-M", "0", "host"], TimeSpan.FromSeconds(30), new Dictionary<string, string?>
        {
            ["AUTOSSH_PATH"] = ssh.Path, ["AUTOSSH_GATETIME"] = "0", ["AUTOSSH_LOGLEVEL"] = "0",
            ["SSHKEEP_TEST_SECRET"] = "passed-as-autossh-does", ["DISPLAY"] = ":0",
        });

        Assert.Equal(0, result.ExitCode);
        var lines = File.ReadAllLines(dump);
        Assert.Contains("SSHKEEP_TEST_SECRET=passed-as-autossh-does", lines);
        Assert.Contains("DISPLAY=:0", lines);
    }

    /// <summary>A tunnel whose ssh is <paramref name="sshPath"/>, with probes off (no ControlMaster).</summary>
    internal static string OneTunnel(string sshPath, string extra = "") => string.Create(CultureInfo.InvariantCulture, $$"""
        tunnels:
          t:
            destination: user@127.0.0.1
            ssh_path: {{sshPath}}
            health: { probe_interval: 0 }
            forwards: [ { local: "127.0.0.1:{{LoopbackPort.PickFree()}}:127.0.0.1:9" } ]
        {{extra}}
        """);

    /// <summary>A fake ssh: for <c>-G</c> (the reachability lookup) it answers as ssh would for a
    /// server behind a proxy (so nothing is checked); otherwise it writes its environment and
    /// "END" to <paramref name="dump"/>, then sleeps (or exits 0).</summary>
    internal static FakeSshScript EnvironmentDumpingSsh(string dump, bool thenExit = false) => new($"""
        if [ "$1" = "-G" ]; then printf 'hostname 127.0.0.1\nport 22\nproxycommand /bin/false\n'; exit 0; fi
        /usr/bin/env > '{dump}.tmp'; echo END >> '{dump}.tmp'; mv '{dump}.tmp' '{dump}'
        {(thenExit ? "exit 0" : "exec sleep 600")}
        """);
}
