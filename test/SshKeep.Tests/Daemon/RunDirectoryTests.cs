using SshKeep.Daemon;
using SshKeep.Native;
using SshKeep.Tests.Fakes;

namespace SshKeep.Tests.Daemon;

public sealed class RunDirectoryTests
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    [Theory]
    [InlineData(null, "/run/user/1000", 1000u, "/run/user/1000/sshkeep")]
    [InlineData(null, "/run/user/1000/", 1000u, "/run/user/1000/sshkeep")]
    [InlineData(null, "/run/user/0", 0u, "/run/sshkeep")]              // root: always the system directory
    [InlineData(null, null, 0u, "/run/sshkeep")]
    [InlineData(null, null, 1000u, "/tmp/sshkeep-1000")]               // no XDG_RUNTIME_DIR (cron, su)
    [InlineData(null, "", 1000u, "/tmp/sshkeep-1000")]
    [InlineData(null, "relative/dir", 1000u, "/tmp/sshkeep-1000")]     // the XDG spec ignores relative paths
    [InlineData("/srv/sshkeep-run", "/run/user/1000", 1000u, "/srv/sshkeep-run")]
    [InlineData("/srv/sshkeep-run", null, 0u, "/srv/sshkeep-run")]
    public void Run_directory_is_chosen_from_the_override_the_uid_and_XDG_RUNTIME_DIR(string? runDir, string? xdg, uint uid, string expected)
    {
        var directory = RunDirectory.Resolve(runDir, xdg, uid);

        Assert.Equal(expected, directory.Path);
        Assert.Equal(runDir is not null, directory.IsOverride);
    }

    [Fact]
    public void Each_config_file_gets_its_own_lock_status_and_socket_file()
    {
        var directory = RunDirectory.Resolve(null, "/run/user/1000", 1000);

        var paths = directory.ForCanonical("/home/ada/.config/sshkeep/tunnels.yaml");
        var other = directory.ForCanonical("/home/ada/work/tunnels.yaml");

        Assert.Matches("^tunnels-[0-9a-f]{12}$", paths.Key);
        Assert.Equal("/home/ada/.config/sshkeep/tunnels.yaml", paths.ConfigPath);
        Assert.Equal($"/run/user/1000/sshkeep/lock-{paths.Key}", paths.LockPath);
        Assert.Equal($"/run/user/1000/sshkeep/status-{paths.Key}.json", paths.StatusPath);
        Assert.Equal($"/run/user/1000/sshkeep/control-{paths.Key}.sock", paths.SocketPath);
        Assert.NotEqual(paths.Key, other.Key);
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(paths.SocketPath) <= ControlServer.MaxSocketPathBytes);
    }

    [Fact]
    public void A_missing_default_directory_is_created_owner_only()
    {
        using var temp = new TempDirectory();
        var directory = RunDirectory.Resolve(null, temp.Path, 1000);

        Assert.True(directory.TryCreate(OwnUid(temp.Path), out string? error), error);

        Assert.Equal(OwnerOnly, File.GetUnixFileMode(directory.Path));
    }

    [Fact]
    public void An_existing_default_directory_of_ours_that_others_can_read_is_tightened()
    {
        using var temp = new TempDirectory();
        var directory = RunDirectory.Resolve(null, temp.Path, 1000);
        Directory.CreateDirectory(directory.Path);
        File.SetUnixFileMode(directory.Path, OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);

        Assert.True(directory.TryCreate(OwnUid(temp.Path), out string? error), error);

        Assert.Equal(OwnerOnly, File.GetUnixFileMode(directory.Path));
    }

    [Fact]
    public void A_symlink_in_place_of_the_default_directory_is_refused()
    {
        using var temp = new TempDirectory();
        string elsewhere = temp.File("elsewhere");
        Directory.CreateDirectory(elsewhere);
        var directory = RunDirectory.Resolve(null, temp.Path, 1000);
        Directory.CreateSymbolicLink(directory.Path, elsewhere);

        Assert.False(directory.TryCreate(OwnUid(temp.Path), out string? error));

        Assert.Equal($"run directory \"{directory.Path}\" is not a directory (a symbolic link); remove it or pass --run-dir", error);
    }

    [Fact]
    public void A_default_directory_owned_by_someone_else_is_refused()
    {
        using var temp = new TempDirectory();
        var directory = RunDirectory.Resolve(null, temp.Path, 1000);
        Directory.CreateDirectory(directory.Path);
        uint owner = OwnUid(temp.Path);

        // As if another user had made it first (in a shared /tmp, say): we are not its owner.
        Assert.False(directory.TryCreate(owner + 1, out string? error));

        Assert.Equal($"run directory \"{directory.Path}\" belongs to uid {owner}, not to us (uid {owner + 1}); remove it or pass --run-dir", error);
    }

    [Fact]
    public void An_override_is_created_when_missing_but_an_existing_one_is_left_as_it_is()
    {
        using var temp = new TempDirectory();
        var created = RunDirectory.Resolve(temp.File("new/run"), null, 1000);
        string shared = temp.File("shared");
        Directory.CreateDirectory(shared);
        var sharedMode = OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        File.SetUnixFileMode(shared, sharedMode);
        var existing = RunDirectory.Resolve(shared, null, 1000);

        Assert.True(created.TryCreate(LibC.geteuid(), out string? error), error);
        Assert.True(existing.TryCreate(LibC.geteuid(), out error), error);

        Assert.Equal(OwnerOnly, File.GetUnixFileMode(created.Path));
        Assert.Equal(sharedMode, File.GetUnixFileMode(shared));
    }

    [Fact]
    public void A_file_in_place_of_the_directory_is_an_error_value()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("file"), "");
        var directory = RunDirectory.Resolve(temp.File("file"), null, 1000);

        Assert.False(directory.TryCreate(LibC.geteuid(), out string? error));

        Assert.StartsWith($"cannot create run directory \"{temp.File("file")}\": ", error);
    }

    [Theory]
    // kind, owner, permissions (octal), override?, expected problem (null: usable)
    [InlineData("dir", 1000u, "700", false, null)]
    [InlineData("dir", 1000u, "755", true, null)]                  // readable by others: the user's choice
    [InlineData("dir", 1000u, "775", true, "is writable by others (mode 775); others could replace the daemon's files: make it writable only by you (chmod go-w) or choose another --run-dir")]
    [InlineData("dir", 1000u, "1777", true, "is writable by others (mode 1777); others could replace the daemon's files: make it writable only by you (chmod go-w) or choose another --run-dir")]
    [InlineData("dir", 1000u, "777", false, "is writable by others (mode 777); others could replace the daemon's files: make it writable only by you (chmod go-w) or remove it")]
    [InlineData("dir", 0u, "755", true, "belongs to uid 0, not to us (uid 1000); choose another --run-dir")]
    [InlineData("dir", 0u, "700", false, "belongs to uid 0, not to us (uid 1000); remove it or pass --run-dir")]
    [InlineData("link", 1000u, "777", true, "is not a directory (a symbolic link); choose another --run-dir")]
    [InlineData("link", 1000u, "777", false, "is not a directory (a symbolic link); remove it or pass --run-dir")]
    [InlineData("file", 1000u, "600", true, "is not a directory; choose another --run-dir")]
    public void A_run_directory_must_be_a_real_directory_of_ours_that_only_we_can_write(string kind, uint owner, string permissions, bool isOverride, string? expected)
    {
        uint type = kind switch { "dir" => 0x4000u, "link" => 0xA000u, _ => 0x8000u };
        var status = new FileStatus(owner, type | Convert.ToUInt32(permissions, 8), 1, 1);
        var directory = RunDirectory.Resolve(isOverride ? "/srv/run" : null, "/run/user/1000", 1000);

        string? problem = directory.Problem(status, 1000);

        Assert.Equal(expected is null ? null : $"run directory \"{directory.Path}\" {expected}", problem);
    }

    [Fact]
    public void An_override_that_others_may_write_is_refused_and_left_as_it_is()
    {
        using var temp = new TempDirectory();
        string shared = temp.File("shared");
        Directory.CreateDirectory(shared);
        var sharedMode = (UnixFileMode)0x1FF; // 0777
        File.SetUnixFileMode(shared, sharedMode);
        var directory = RunDirectory.Resolve(shared, null, 1000);

        Assert.False(directory.TryCreate(OwnUid(temp.Path), out string? error));

        Assert.StartsWith($"run directory \"{shared}\" is writable by others (mode 777)", error, StringComparison.Ordinal);
        Assert.Equal(sharedMode, File.GetUnixFileMode(shared));
        Assert.Empty(Directory.GetFileSystemEntries(shared));
    }

    /// <summary>The uid that owns what this process creates (the test may run as root or not).</summary>
    private static uint OwnUid(string path)
    {
        Assert.True(FileStatus.TryGet(path, out var status, out int errno), $"statx failed: {errno}");
        return status.Uid;
    }
}
