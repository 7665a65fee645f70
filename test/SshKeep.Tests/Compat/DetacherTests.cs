using System.Globalization;
using SshKeep.Compat;
using SshKeep.Ssh;
using SshKeep.Tests.Integration.Infrastructure;


namespace SshKeep.Tests.Compat;

public sealed class DetacherTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sshkeep-detach-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Detached_child_runs_in_a_new_session_in_root_with_stdio_on_dev_null()
    {
        string report = Path.Combine(_directory, "report");
        // Everything is read into variables first: a redirection on the shell itself would change its fds.
        const string script = """
            sid=$(cut -d' ' -f6 /proc/$$/stat)
            fd0=$(readlink /proc/$$/fd/0); fd1=$(readlink /proc/$$/fd/1); fd2=$(readlink /proc/$$/fd/2)
            argv0=$(tr '\0' '\n' < /proc/$$/cmdline | head -n 1)
            printf '%s\n' "pid=$$" "sid=$sid" "cwd=$(pwd)" "fd0=$fd0" "fd1=$fd1" "fd2=$fd2" "argv0=$argv0" "env=$SSHKEEP_DETACHED" "arg=$1" > "$0.tmp"
            mv "$0.tmp" "$0"
            """;
        using var reaper = new ChildReaper();

        Assert.True(Detacher.TrySpawnDetached("/bin/sh", ["my-name", "-c", script, report, "two words"], 1_700_000_000, out int pid, out string? error));
        Assert.Null(error);
        var child = reaper.Track(pid); // our child until we would exit; reap it here
        try
        {
            await Eventually.WaitUntilAsync(() => File.Exists(report), "the detached child wrote its report");
            var seen = File.ReadAllLines(report).Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);

            Assert.Equal(pid.ToString(CultureInfo.InvariantCulture), seen["pid"]);
            Assert.Equal(seen["pid"], seen["sid"]); // session leader
            Assert.Equal("/", seen["cwd"]);
            Assert.Equal("/dev/null", seen["fd0"]);
            Assert.Equal("/dev/null", seen["fd1"]);
            Assert.Equal("/dev/null", seen["fd2"]);
            Assert.Equal("my-name", seen["argv0"]);
            Assert.Equal("1700000000", seen["env"]);
            Assert.Equal("two words", seen["arg"]);
            Assert.Equal(ChildExit.Exited(0), await child.Exited.Within());
        }
        finally
        {
            if (!child.IsReaped) child.Signal(9);
            await child.Exited.Within();
        }
    }

    [Fact]
    public void A_program_that_cannot_run_gives_autossh_daemon_message()
    {
        Assert.False(Detacher.TrySpawnDetached("/nonexistent/sshkeep", ["sshkeep"], 0, out _, out string? error));

        Assert.Equal("run as daemon failed: No such file or directory", error);
    }

    [Fact]
    public void Under_the_dotnet_host_the_app_dll_comes_first()
    {
        var (file, leading) = Detacher.SelfCommand("/usr/share/dotnet/dotnet", "/opt/sshkeep/sshkeep.dll");

        Assert.Equal("/usr/share/dotnet/dotnet", file);
        Assert.Equal(["/opt/sshkeep/sshkeep.dll"], leading);
    }

    [Fact]
    public void The_apphost_runs_as_itself()
    {
        var (file, leading) = Detacher.SelfCommand("/opt/sshkeep/sshkeep", "/opt/sshkeep/sshkeep.dll");

        Assert.Equal("/opt/sshkeep/sshkeep", file);
        Assert.Empty(leading);
    }

    [Theory]
    [InlineData("1700000000", true, 1700000000L)]
    [InlineData("", false, 0L)]
    [InlineData("-5", false, 0L)]
    [InlineData("12abc", false, 0L)]
    public void Detached_child_is_recognised_by_its_variable(string value, bool expected, long startedAt)
    {
        var environment = new Dictionary<string, string> { [Detacher.EnvironmentVariable] = value };

        Assert.Equal(expected, Detacher.IsDetachedChild(environment, out long parentStart));
        Assert.Equal(startedAt, parentStart);
    }

    [Fact]
    public void Without_the_variable_we_are_not_the_detached_child()
    {
        Assert.False(Detacher.IsDetachedChild(new Dictionary<string, string>(), out _));
    }

    /// <summary>The -f copy is exec'd through the path the caller used, when that leads to this
    /// program, so the kernel names it after the called name (docs/compatibility.md, process name).</summary>
    [Theory]
    // The installed autossh link, found in PATH or given as a path: the copy runs through it.
    [InlineData("autossh", "/usr/local/bin/autossh")]
    [InlineData("/usr/local/bin/autossh", "/usr/local/bin/autossh")]
    // Called by the program's own name: nothing to gain.
    [InlineData("sshkeep", null)]
    // argv[0] that leads elsewhere (exec -a autossh sshkeep, with Debian's autossh in PATH): the real path.
    [InlineData("other", null)]
    // Not found at all.
    [InlineData("missing", null)]
    public void The_detached_copy_runs_through_the_called_path_when_it_leads_to_this_program(string argv0, string? expected)
    {
        const string program = "/usr/local/lib/sshkeep/sshkeep";
        var files = new Dictionary<string, string>
        {
            ["autossh"] = "/usr/local/bin/autossh",
            ["/usr/local/bin/autossh"] = "/usr/local/bin/autossh",
            ["other"] = "/usr/bin/other",
        };
        var links = new Dictionary<string, string> { ["/usr/local/bin/autossh"] = program, ["/usr/bin/other"] = "/usr/lib/other/other" };

        var chosen = Detacher.CalledPath(argv0, program, name => files.GetValueOrDefault(name), path => links.GetValueOrDefault(path, path));

        Assert.Equal(expected, chosen);
    }
}
