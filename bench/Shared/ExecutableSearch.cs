using SshKeep.Native;

namespace SshKeep.Bench;

/// <summary>Finds a tool on this machine for a benchmark (its composition root reads PATH here).</summary>
internal static class ExecutableSearch
{
    public static string? Find(string name) => ProgramSearch.FindTool(name, Environment.GetEnvironmentVariable("PATH"));
}
