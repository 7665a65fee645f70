namespace SshKeep.Status;

internal sealed record StatusOutput(string StandardOutput, string StandardError, int ExitCode);
