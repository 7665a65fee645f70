using SshKeep.Compat;
using SshKeep.Ssh;

namespace SshKeep.Demo;

/// <summary>The supervisor the demo runs in autossh compatibility mode: this very program by default, or
/// whatever <see cref="EnvironmentVariable"/> names (e.g. /usr/bin/autossh, to compare).</summary>
/// <param name="LeadingArguments">Arguments before autossh's own (the entry dll when run by `dotnet`).</param>
internal sealed record DemoKeeper(string Program, IReadOnlyList<string> LeadingArguments, string Name)
{
    public const string EnvironmentVariable = "SSHKEEP_DEMO_KEEPER";

    /// <summary>Without <paramref name="configured"/>: this process's apphost, or `dotnet sshkeep.dll` if started so.</summary>
    public static DemoKeeper Resolve(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var program = DemoTools.Find(configured) ?? configured;
            return new DemoKeeper(program, [], Path.GetFileName(program));
        }
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("cannot tell which program this is");
        if (Path.GetFileNameWithoutExtension(self) != "dotnet") return new DemoKeeper(self, [], "sshkeep");
        var entry = Detacher.EntryAssemblyPath();
        if (string.IsNullOrEmpty(entry)) throw new InvalidOperationException("cannot tell which assembly `dotnet` runs");
        return new DemoKeeper(self, [entry], "sshkeep");
    }
}
