using SshKeep.Native;

namespace SshKeep.Demo;

/// <summary>The tools the demo, the tests and the benchmarks run (ssh-keygen, sshd, iptables …). Not yet kept to
/// docs/conventions.md rule 17: it reads PATH itself, as tests and benchmarks build the fixtures too.</summary>
internal static class DemoTools
{
    public static string? Find(string name) => ProgramSearch.FindTool(name, Environment.GetEnvironmentVariable("PATH"));
}
