using SshKeep.Ssh;

namespace SshKeep.Tests.Ssh;

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
}
