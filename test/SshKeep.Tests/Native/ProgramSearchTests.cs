using SshKeep.Native;

namespace SshKeep.Tests.Native;

public sealed class ProgramSearchTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("sshkeep-search-").FullName;

    public ProgramSearchTests()
    {
        foreach (var dir in new[] { "a", "b", "c" }) Directory.CreateDirectory(Path.Join(_root, dir));
        Write("a/plain", UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Write("b/plain", UnixFileMode.UserRead | UnixFileMode.UserExecute);
        Write("b/tool", UnixFileMode.UserRead | UnixFileMode.UserExecute);
        Write("c/tool", UnixFileMode.UserRead | UnixFileMode.UserExecute);
        Directory.CreateDirectory(Path.Join(_root, "a/dir"));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private void Write(string relative, UnixFileMode mode)
    {
        var path = Path.Join(_root, relative);
        File.WriteAllText(path, "#!/bin/sh\n");
        File.SetUnixFileMode(path, mode);
    }

    [Theory]
    // The first executable file in PATH order wins; an unexecutable or a directory is passed over.
    [InlineData("tool", "a:b:c", "b/tool", 0)]
    [InlineData("tool", "c:b", "c/tool", 0)]
    [InlineData("plain", "a:b", "b/plain", 0)]
    [InlineData("dir", "a:b", null, 13)]
    // Only unexecutable candidates: EACCES, as execvp; none at all: ENOENT.
    [InlineData("plain", "a", null, 13)]
    [InlineData("missing", "a:b:c", null, 2)]
    // A name with a slash is not searched.
    [InlineData("ROOT/b/tool", "a", "b/tool", 0)]
    [InlineData("ROOT/a/plain", "b", null, 13)]
    [InlineData("ROOT/a/missing", "b", null, 2)]
    [InlineData("", "a:b", null, 2)]
    public void A_program_is_found_as_execvp_would(string program, string path, string? expected, int expectedErrno)
    {
        string pathVariable = string.Join(':', path.Split(':').Select(d => Path.Join(_root, d)));

        var found = ProgramSearch.Find(program.Replace("ROOT", _root, StringComparison.Ordinal), pathVariable, out int errno);

        Assert.Equal(expected is null ? null : Path.Join(_root, expected), found);
        Assert.Equal(expectedErrno, errno);
    }

    [Theory]
    // Which PATH entries each caller visits: exec takes an empty entry as the working directory and
    // a relative one relative to it; the tool search skips empty entries; the hook check keeps only
    // absolute folders. An unset PATH is glibc's default.
    [InlineData("/a:/b", "AsExec", "/a/x|/b/x")]
    [InlineData("/a::rel:/b", "AsExec", "/a/x|x|rel/x|/b/x")]
    [InlineData("/a::rel:/b", "SkipEmpty", "/a/x|rel/x|/b/x")]
    [InlineData("/a::rel:/b", "AbsoluteOnly", "/a/x|/b/x")]
    [InlineData(null, "AsExec", "/bin/x|/usr/bin/x")]
    [InlineData(null, "AbsoluteOnly", "/bin/x|/usr/bin/x")]
    [InlineData("", "AsExec", "x")]
    [InlineData("", "SkipEmpty", "")]
    public void Each_search_visits_the_folders_of_its_kind(string? path, string folders, string expected)
    {
        var candidates = ProgramSearch.Candidates("x", path, Enum.Parse<PathFolders>(folders));

        Assert.Equal(expected, string.Join('|', candidates));
    }

    [Theory]
    // A hook's program: found only in an absolute folder, by the injected check.
    [InlineData("tool", "/b", true)]
    [InlineData("tool", "b:/c", false)]
    [InlineData("tool", ":/a", false)]
    [InlineData("tool", null, false)]
    public void A_hook_program_is_found_only_in_absolute_folders(string name, string? path, bool expected) =>
        Assert.Equal(expected, ProgramSearch.InPath(name, path, file => file is "/b/tool" or "b/tool" or "tool"));

    [Fact]
    public void A_tool_is_found_in_path_then_in_the_system_folders()
    {
        Assert.Equal(Path.Join(_root, "b/tool"), ProgramSearch.FindTool("tool", Path.Join(_root, "a") + "::" + Path.Join(_root, "b")));
        Assert.Null(ProgramSearch.FindTool("plain", Path.Join(_root, "a")));
        Assert.NotNull(ProgramSearch.FindTool("sh", "")); // /bin/sh through the system folders alone
        Assert.Equal(Path.Join(_root, "c/tool"), ProgramSearch.FindTool(Path.Join(_root, "c/tool"), null));
    }
}
