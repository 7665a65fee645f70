namespace SshKeep.Compat;

/// <summary>The environment (R39) and sshkeep's own texts (R4, R5, R70), from the composition root.</summary>
internal sealed record CompatModeHost(
    Func<Dictionary<string, string>> ReadEnvironment, string SshkeepName, Func<string> SshkeepVersionLine, string SshkeepAfterUsage);
