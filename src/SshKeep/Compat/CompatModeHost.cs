namespace SshKeep.Compat;

/// <summary>
/// What compatibility mode takes from the composition root (Cli/EntryPoint), so that it uses no
/// folder above it (docs/architecture.md): how to read the environment (when the run starts, R39),
/// and what it says when called by sshkeep's own name: sshkeep's version line and its commands
/// after the usage (R4, R5, R70).
/// </summary>
internal sealed record CompatModeHost(
    Func<Dictionary<string, string>> ReadEnvironment, string SshkeepName, Func<string> SshkeepVersionLine, string SshkeepAfterUsage);
