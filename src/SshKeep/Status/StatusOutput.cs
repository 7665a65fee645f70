namespace SshKeep.Status;

/// <summary>What <c>sshkeep status</c> prints and how it exits.</summary>
internal sealed record StatusOutput(string StandardOutput, string StandardError, int ExitCode);
