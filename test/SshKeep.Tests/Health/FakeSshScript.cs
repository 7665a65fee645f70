using SshKeep.Tests.Fakes;

namespace SshKeep.Tests.Health;

/// <summary>A shell script standing in for the ssh program (ssh_path), in its own temporary directory.</summary>
internal sealed class FakeSshScript : IDisposable
{
    private readonly TempDirectory _directory = new();

    public FakeSshScript(string body)
    {
        Path = _directory.File("fake-ssh");
        File.WriteAllText(Path, "#!/bin/sh\n" + body + "\n");
        File.SetUnixFileMode(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    public string Path { get; }

    public void Dispose() => _directory.Dispose();
}
