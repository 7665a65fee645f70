using SshKeep.Native;

namespace SshKeep.Demo;

/// <summary>Finds the machine's tools that the demo, the tests and the benchmarks run (ssh-keygen, sshd, iptables, lintian …).
/// Not yet kept to docs/conventions.md rule 17: it reads PATH itself, because the fixtures are built
/// by tests and benchmarks as well as by <c>sshkeep demo</c>.</summary>
internal static class DemoTools
{
    public static string? Find(string name) => ProgramSearch.FindTool(name, Environment.GetEnvironmentVariable("PATH"));
}
