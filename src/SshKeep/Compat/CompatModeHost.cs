namespace SshKeep.Compat;

/// <summary>What compatibility mode takes from the composition root (docs/architecture.md): the environment
/// (read when the run starts, R39), and what it says when called by sshkeep's own name (R4, R5, R70).</summary>
internal sealed record CompatModeHost(
    Func<Dictionary<string, string>> ReadEnvironment, string SshkeepName, Func<string> SshkeepVersionLine, string SshkeepAfterUsage);
