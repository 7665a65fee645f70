using SshKeep.Native;

namespace SshKeep.Tests;

/// <summary>Finds a tool on this machine for a test (the tests' composition root reads PATH here).</summary>
internal static class ExecutableSearch
{
    public static string? Find(string name) => ProgramSearch.FindTool(name, Environment.GetEnvironmentVariable("PATH"));
}
