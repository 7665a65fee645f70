using SshKeep.Demo;
using SshKeep.Ssh;

namespace SshKeep.Tests.Daemon;

/// <summary>A [Fact] that runs a client as uid 65534 (nobody): it needs root, setpriv (util-linux)
/// and perl (perl-base, for a socket client that needs no .NET); skipped with the reason otherwise.</summary>
public sealed class AsNobodyFactAttribute : FactAttribute
{
    public AsNobodyFactAttribute()
    {
        var missing = new List<string>();
        if (!Environment.IsPrivilegedProcess) missing.Add("root (to become another user)");
        if (DemoTools.Find("setpriv") is null) missing.Add("setpriv (util-linux)");
        if (DemoTools.Find("perl") is null) missing.Add("perl (perl-base)");
        if (missing.Count > 0) Skip = $"needs {string.Join(", ", missing)} to run a client as nobody; run ./test.sh as root";
    }
}
