namespace SshKeep.Status;

/// <summary>What <c>sshkeep status</c> prints and how it exits.</summary>
public sealed record StatusOutput(string StandardOutput, string StandardError, int ExitCode);
