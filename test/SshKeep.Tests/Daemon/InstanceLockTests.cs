using SshKeep.Demo;
using SshKeep.Daemon;
using SshKeep.Ssh;
using SshKeep.Tests.Fakes;
using SshKeep.Tests.Integration.Infrastructure;

namespace SshKeep.Tests.Daemon;

public sealed class InstanceLockTests
{
    [Fact]
    public void Second_lock_on_the_same_file_is_refused_and_names_the_holders_pid()
    {
        using var temp = new TempDirectory();
        string path = temp.File("lock-tunnels-0123456789ab");

        Assert.True(InstanceLock.TryAcquire(path, out var first, out var refusal), refusal?.Describe("x"));
        using (first)
        {
            Assert.False(InstanceLock.TryAcquire(path, out var second, out refusal));

            Assert.Null(second);
            Assert.True(refusal.HeldByAnother);
            Assert.Equal(Environment.ProcessId, refusal.HolderPid);
            Assert.Equal($"another sshkeep (pid {Environment.ProcessId}) already runs tunnels.yaml", refusal.Describe("tunnels.yaml"));
        }
    }

    [Fact]
    public void Lock_file_holds_our_pid_is_owner_only_and_is_removed_on_dispose()
    {
        using var temp = new TempDirectory();
        string path = temp.File("lock-a");

        Assert.True(InstanceLock.TryAcquire(path, out var held, out var refusal), refusal?.Describe("x"));
        try
        {
            Assert.True(held.IsHeld);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            Assert.False(InstanceLock.TryAcquire(path, out _, out var second));
            Assert.Equal(Environment.ProcessId, second.HolderPid);
            // .NET's FileStream takes a shared flock of its own on open, which our lock refuses.
            Assert.Throws<IOException>(() => File.ReadAllText(path));
        }
        finally
        {
            held.Dispose();
        }

        Assert.False(held.IsHeld);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void Lock_is_free_again_after_dispose()
    {
        using var temp = new TempDirectory();
        string path = temp.File("lock-b");
        Assert.True(InstanceLock.TryAcquire(path, out var first, out _));
        first.Dispose();

        Assert.True(InstanceLock.TryAcquire(path, out var second, out var refusal), refusal?.Describe("x"));

        second.Dispose();
        second.Dispose(); // twice is harmless
    }

    [Fact]
    public void A_stale_lock_file_from_a_killed_daemon_does_not_block_and_is_rewritten()
    {
        using var temp = new TempDirectory();
        string path = temp.File("lock-c");
        File.WriteAllText(path, "99999999 and more garbage than a pid\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite);

        Assert.True(InstanceLock.TryAcquire(path, out var held, out var refusal), refusal?.Describe("x"));
        using (held)
        {
            Assert.False(InstanceLock.TryAcquire(path, out _, out refusal));
            Assert.Equal(Environment.ProcessId, refusal.HolderPid);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
    }

    [Fact]
    public void A_symlink_at_the_lock_path_is_refused_and_its_target_untouched()
    {
        using var temp = new TempDirectory();
        string target = temp.File("precious");
        File.WriteAllText(target, "keep me\n");
        string path = temp.File("lock-d");
        File.CreateSymbolicLink(path, target);

        Assert.False(InstanceLock.TryAcquire(path, out var held, out var refusal));

        Assert.Null(held);
        Assert.False(refusal.HeldByAnother);
        Assert.Equal($"cannot lock \"{path}\": Too many levels of symbolic links", refusal.Describe("tunnels.yaml"));
        Assert.Equal("keep me\n", File.ReadAllText(target));
    }

    [Fact]
    public async Task Another_process_sees_the_lock_as_taken_and_free_once_released()
    {
        if (DemoTools.Find("flock") is null) Assert.Fail("flock(1) from util-linux is missing");
        using var temp = new TempDirectory();
        string path = temp.File("lock-e");

        Assert.True(InstanceLock.TryAcquire(path, out var held, out _));
        var whileHeld = await Run.ProgramAsync("flock", ["--nonblock", "--conflict-exit-code", "9", path, "true"]);
        held.Dispose();
        var afterRelease = await Run.ProgramAsync("flock", ["--nonblock", "--conflict-exit-code", "9", path, "true"]);

        Assert.Equal(9, whileHeld.ExitCode);
        Assert.Equal(0, afterRelease.ExitCode);
    }

    [Fact]
    public void The_lock_descriptor_is_not_inherited_by_ssh_children()
    {
        using var temp = new TempDirectory();
        string path = temp.File("lock-f");
        Assert.True(InstanceLock.TryAcquire(path, out var held, out _));
        using (held)
        {
            var fd = Directory.EnumerateFiles("/proc/self/fd")
                .Single(link => new FileInfo(link).LinkTarget == path);
            string flags = File.ReadLines($"/proc/self/fdinfo/{Path.GetFileName(fd)}").Single(l => l.StartsWith("flags:", StringComparison.Ordinal));
            int octal = Convert.ToInt32(flags["flags:".Length..].Trim(), 8);

            Assert.NotEqual(0, octal & 0x80000 /* O_CLOEXEC, 02000000 octal */);
        }
    }

    [Theory]
    [InlineData("1234\n", 1234)]
    [InlineData("1234", 1234)]
    [InlineData("", null)]
    [InlineData("\n", null)]
    [InlineData("0\n", null)]
    [InlineData("-5\n", null)]
    [InlineData(" 12\n", null)]
    [InlineData("12 34\n", null)]
    [InlineData("99999999999\n", null)]
    public void Pid_in_a_lock_file_is_one_positive_decimal_number(string content, int? pid) =>
        Assert.Equal(pid, InstanceLock.ParsePid(content));
}
