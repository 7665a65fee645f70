using System.Globalization;
using SshKeep.Compat;

namespace SshKeep.Tests.Compat;

public sealed class PidFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sshkeep-pidfile-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Pid_file_holds_our_pid_and_a_newline_and_is_removed_on_dispose()
    {
        string path = Path.Combine(_directory, "a.pid");

        using (var pidFile = Create(path))
        {
            Assert.Equal(path, pidFile.Path);
            Assert.Equal(Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n", File.ReadAllText(path));
            var mode = File.GetUnixFileMode(path);
            Assert.True(mode.HasFlag(UnixFileMode.UserRead | UnixFileMode.UserWrite));
            Assert.Equal((UnixFileMode)0, mode & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute));
            pidFile.Dispose();
            Assert.False(File.Exists(path));
        }
        // A second dispose (the using) does nothing, even if the path is used again meanwhile.
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void Existing_file_is_truncated()
    {
        string path = Path.Combine(_directory, "b.pid");
        File.WriteAllText(path, "a much longer content than any pid\n");

        using var pidFile = Create(path);

        Assert.Equal(Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n", File.ReadAllText(path));
    }

    [Fact]
    public void Symlink_at_the_final_component_is_refused_and_its_target_untouched()
    {
        string target = Path.Combine(_directory, "precious");
        File.WriteAllText(target, "keep me\n");
        string link = Path.Combine(_directory, "c.pid");
        File.CreateSymbolicLink(link, target);

        Assert.False(PidFile.TryCreate(link, out var pidFile, out string? error));

        Assert.Null(pidFile);
        Assert.Equal($"cannot open pid file \"{link}\": Too many levels of symbolic links", error);
        Assert.Equal("keep me\n", File.ReadAllText(target));
    }

    [Fact]
    public void Missing_directory_gives_autossh_message()
    {
        string path = Path.Combine(_directory, "missing", "d.pid");

        Assert.False(PidFile.TryCreate(path, out _, out string? error));

        Assert.Equal($"cannot open pid file \"{path}\": No such file or directory", error);
    }

    private static PidFile Create(string path)
    {
        Assert.True(PidFile.TryCreate(path, out var pidFile, out string? error), error);
        return pidFile;
    }
}
