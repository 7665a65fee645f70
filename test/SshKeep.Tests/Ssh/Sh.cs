using SshKeep.Ssh;

namespace SshKeep.Tests.Ssh;

/// <summary>Start infos for small /bin/sh scripts standing in for ssh.</summary>
internal static class Sh
{
    public static SshStartInfo Script(string script, bool captureStderr = false, bool newGroup = false,
        IReadOnlyDictionary<string, string?>? environment = null) =>
        new("/bin/sh", ["-c", script], environment, newGroup, captureStderr);
}
