using SshKeep.Demo;
using SshKeep.Ssh;

namespace SshKeep.Tests.Packaging;

/// <summary>A [Theory] skipped, with the reason, without man-db's man and groff (packages man-db,
/// groff-base; test.sh installs them as root).</summary>
public sealed class ManPageToolsTheoryAttribute : TheoryAttribute
{
    public ManPageToolsTheoryAttribute()
    {
        var missing = new[] { ("man", "man-db"), ("groff", "groff-base") }.Where(t => DemoTools.Find(t.Item1) is null).ToList();
        if (missing.Count > 0)
            Skip = $"needs {string.Join(", ", missing.Select(t => $"{t.Item1} ({t.Item2})"))}; run ./test.sh as root to install";
    }
}
