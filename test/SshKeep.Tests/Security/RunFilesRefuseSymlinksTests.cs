using SshKeep.Cli;
using SshKeep.Daemon;
using SshKeep.Native;
using SshKeep.Tests.Fakes;
using SshKeep.Tests.Health;
using SshKeep.Tests.Integration;
using SshKeep.Tests.Integration.Infrastructure;

namespace SshKeep.Tests.Security;

/// <summary>
/// Secure default: the pid file (compatibility mode, AUTOSSH_PIDFILE), the daemon's lock file,
/// status file, control socket and run directory never follow a symlink planted at their path
/// (refused, or replaced without touching the target) and get the documented modes: lock 0600,
/// status 0644, socket 0600, pid 0644, run directory 0700, whatever the umask.
/// </summary>
public sealed class RunFilesRefuseSymlinksTests
{
    private const string Precious = "precious: not sshkeep's\n";

    // --- the pid file (compatibility mode) ---

    [Fact]
    public async Task A_symlink_at_the_pid_file_path_is_refused_and_its_target_untouched()
    {
        using var temp = new TempDirectory();
        var target = temp.File("precious");
        File.WriteAllText(target, Precious);
        var pidPath = temp.File("autossh.pid");
        File.CreateSymbolicLink(pidPath, target);

        var run = await RunCompatAsync(temp, pidPath);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"cannot open pid file \"{pidPath}\": Too many levels of symbolic links", run.Log, StringComparison.Ordinal);
        Assert.Equal(Precious, File.ReadAllText(target));
    }

    [Fact]
    public async Task The_pid_file_is_0644_even_under_umask_0()
    {
        using var temp = new TempDirectory();
        var pidPath = temp.File("autossh.pid");

        var run = await RunCompatAsync(temp, pidPath, umask: "000");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("644", run.PidFileModeWhileRunning);
    }

    [Fact]
    public async Task An_existing_pid_file_that_others_may_write_is_made_0644()
    {
        using var temp = new TempDirectory();
        var pidPath = temp.File("autossh.pid");
        File.WriteAllText(pidPath, "1\n");
        File.SetUnixFileMode(pidPath, (UnixFileMode)0x1B6 /* 0666 */);

        var run = await RunCompatAsync(temp, pidPath);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("644", run.PidFileModeWhileRunning);
    }

    [Fact]
    public async Task A_fifo_at_the_pid_file_path_is_refused_without_hanging()
    {
        using var temp = new TempDirectory();
        var pidPath = temp.File("autossh.pid");
        await Run.SuccessfullyAsync("mkfifo", [pidPath]);

        var run = await RunCompatAsync(temp, pidPath);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"cannot open pid file \"{pidPath}\"", run.Log, StringComparison.Ordinal);
    }

    [RootFact]
    public async Task A_pid_file_planted_by_another_user_is_refused_and_left_as_it_is()
    {
        using var temp = new TempDirectory();
        File.SetUnixFileMode(temp.Path, (UnixFileMode)0x1FF /* 0777, a shared directory */);
        var pidPath = temp.File("autossh.pid");
        File.WriteAllText(pidPath, "4242\n");
        await Run.SuccessfullyAsync("chown", ["65534:65534", pidPath]);

        var run = await RunCompatAsync(temp, pidPath);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"pid file \"{pidPath}\" belongs to uid 65534", run.Log, StringComparison.Ordinal);
        Assert.Equal("4242\n", File.ReadAllText(pidPath));
    }

    [Fact]
    public async Task A_symlink_at_the_log_file_path_is_refused_and_its_target_untouched()
    {
        using var temp = new TempDirectory();
        var target = temp.File("precious");
        File.WriteAllText(target, Precious);
        var logPath = temp.File("autossh.log");
        File.CreateSymbolicLink(logPath, target);
        using var ssh = new FakeSshScript("exit 0");
        var environment = new Dictionary<string, string?> { ["AUTOSSH_PATH"] = ssh.Path, ["AUTOSSH_GATETIME"] = "0", ["AUTOSSH_LOGFILE"] = logPath };

        var result = await Run.ProgramAsync(SshkeepUnderTest.BinaryPath, ["-M", "0", "host"], TimeSpan.FromSeconds(30), environment);

        Assert.False(result.TimedOut, "sshkeep hung");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{logPath}: Too many levels of symbolic links", result.StandardError, StringComparison.Ordinal);
        Assert.Equal(Precious, File.ReadAllText(target));
    }

    // --- the daemon's run directory ---

    [Fact]
    public async Task The_daemons_files_have_the_documented_modes()
    {
        await using var daemon = DaemonUnderTest.Start(SshRunsWithAMinimalEnvironmentTests.OneTunnel("/bin/false"), environment: null);
        await daemon.AnsweringAsync();

        Assert.Equal("700", Mode(daemon.RunDirectory));
        Assert.Equal("600", Mode(daemon.Paths.LockPath));
        Assert.Equal("644", Mode(daemon.Paths.StatusPath));
        Assert.Equal("600", Mode(daemon.Paths.SocketPath));
    }

    [Fact]
    public async Task A_symlink_at_the_lock_path_stops_the_daemon_and_its_target_is_untouched()
    {
        using var temp = new TempDirectory();
        var target = temp.File("precious");
        File.WriteAllText(target, Precious);
        await using var daemon = DaemonUnderTest.Start(SshRunsWithAMinimalEnvironmentTests.OneTunnel("/bin/false"), environment: null,
            prepare: d => File.CreateSymbolicLink(d.Paths.LockPath, target), createRunDirectory: true);

        Assert.Equal(ExitCodes.CannotStart, await daemon.Exited.Within("the daemon to refuse the lock"));
        Assert.Contains("Too many levels of symbolic links", daemon.StandardError, StringComparison.Ordinal);
        Assert.Equal(Precious, File.ReadAllText(target));
    }

    [Fact]
    public async Task Symlinks_at_the_status_and_socket_paths_are_replaced_and_their_targets_untouched()
    {
        using var temp = new TempDirectory();
        var statusTarget = temp.File("precious-status");
        var socketTarget = temp.File("precious-socket");
        File.WriteAllText(statusTarget, Precious);
        File.WriteAllText(socketTarget, Precious);
        await using var daemon = DaemonUnderTest.Start(SshRunsWithAMinimalEnvironmentTests.OneTunnel("/bin/false"), environment: null, prepare: d =>
        {
            File.CreateSymbolicLink(d.Paths.StatusPath, statusTarget);
            File.CreateSymbolicLink(d.Paths.SocketPath, socketTarget);
        }, createRunDirectory: true);
        await daemon.AnsweringAsync();

        Assert.True(FileStatus.TryGet(daemon.Paths.StatusPath, out var status, out _) && status.IsRegularFile);
        Assert.True(FileStatus.TryGet(daemon.Paths.SocketPath, out var socket, out _) && socket.IsSocket);
        Assert.Equal("644", Mode(daemon.Paths.StatusPath));
        Assert.Equal(Precious, File.ReadAllText(statusTarget));
        Assert.Equal(Precious, File.ReadAllText(socketTarget));
    }

    [Fact]
    public void A_symlink_in_place_of_the_default_run_directory_is_refused()
    {
        // The default directory ($XDG_RUNTIME_DIR/sshkeep, or /tmp/sshkeep-UID) may be in a shared
        // place; RunDirectoryTests covers ownership and loose modes.
        using var temp = new TempDirectory();
        var elsewhere = temp.File("elsewhere");
        Directory.CreateDirectory(elsewhere);
        var directory = RunDirectory.Resolve(null, temp.Path, 1000);
        Directory.CreateSymbolicLink(directory.Path, elsewhere);
        Assert.True(FileStatus.TryGet(temp.Path, out var owner, out _));

        Assert.False(directory.TryCreate(owner.Uid, out var error));

        Assert.Contains("(a symbolic link)", error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(elsewhere));
    }

    [Fact]
    public async Task A_run_dir_that_others_may_write_stops_the_daemon_with_one_line_and_nothing_is_created_in_it()
    {
        await using var daemon = DaemonUnderTest.Start(SshRunsWithAMinimalEnvironmentTests.OneTunnel("/bin/false"), environment: null, prepare: d =>
        {
            Directory.CreateDirectory(d.RunDirectory);
            File.SetUnixFileMode(d.RunDirectory, (UnixFileMode)0x1FF /* 0777 */);
        });

        Assert.Equal(ExitCodes.CannotStart, await daemon.Exited.Within("the daemon to refuse the run directory"));
        Assert.Equal($"sshkeep: cannot start: run directory \"{daemon.RunDirectory}\" is writable by others (mode 777); others could replace the daemon's files: " +
            "make it writable only by you (chmod go-w) or choose another --run-dir\n", daemon.StandardError);
        Assert.Empty(Directory.GetFileSystemEntries(daemon.RunDirectory));
    }

    [Fact]
    public async Task A_run_dir_that_is_a_symlink_stops_the_daemon_and_nothing_is_created_where_it_points()
    {
        using var temp = new TempDirectory();
        var elsewhere = temp.File("elsewhere");
        Directory.CreateDirectory(elsewhere);
        await using var daemon = DaemonUnderTest.Start(SshRunsWithAMinimalEnvironmentTests.OneTunnel("/bin/false"), environment: null,
            prepare: d => Directory.CreateSymbolicLink(d.RunDirectory, elsewhere));

        Assert.Equal(ExitCodes.CannotStart, await daemon.Exited.Within("the daemon to refuse the run directory"));
        Assert.Equal($"sshkeep: cannot start: run directory \"{daemon.RunDirectory}\" is not a directory (a symbolic link); choose another --run-dir\n", daemon.StandardError);
        Assert.Empty(Directory.GetFileSystemEntries(elsewhere));
    }

    private static string Mode(string path) => Convert.ToString((int)File.GetUnixFileMode(path), 8);

    private sealed record CompatRun(int ExitCode, string Log, string? PidFileModeWhileRunning);

    /// <summary>Runs <c>sshkeep -M 0 host</c> with AUTOSSH_PIDFILE and a fake ssh that records the
    /// pid file's mode and exits 0 (gate time 0: sshkeep then exits 0 too).</summary>
    private static async Task<CompatRun> RunCompatAsync(TempDirectory temp, string pidPath, string? umask = null)
    {
        var modeFile = temp.File("mode-while-running");
        var logFile = temp.File("sshkeep.log");
        using var ssh = new FakeSshScript($"stat -c %a '{pidPath}' > '{modeFile}'; exit 0");
        var environment = new Dictionary<string, string?>
        {
            ["AUTOSSH_PATH"] = ssh.Path, ["AUTOSSH_GATETIME"] = "0", ["AUTOSSH_PIDFILE"] = pidPath, ["AUTOSSH_LOGFILE"] = logFile,
        };
        var result = umask is null
            ? await Run.ProgramAsync(SshkeepUnderTest.BinaryPath, ["-M", "0", "host"], TimeSpan.FromSeconds(30), environment)
            : await Run.ProgramAsync("/bin/sh", ["-c", $"umask {umask}; exec \"$0\" -M 0 host", SshkeepUnderTest.BinaryPath], TimeSpan.FromSeconds(30), environment);
        Assert.False(result.TimedOut, "sshkeep hung");
        return new CompatRun(result.ExitCode, File.Exists(logFile) ? File.ReadAllText(logFile) : "",
            File.Exists(modeFile) ? File.ReadAllText(modeFile).Trim() : null);
    }
}
