namespace SshKeep.Cli.Doctor;

/// <summary>What a helper program did, or why it could not run (<see cref="Problem"/>; <see cref="ExitCode"/> is then null).</summary>
internal sealed record CommandOutput(int? ExitCode, string StandardOutput, string StandardError, string? Problem = null)
{
    public static CommandOutput CouldNotRun(string problem) => new(null, "", "", problem);

    public bool Succeeded => ExitCode == 0;

    public string FirstLine =>
        Problem ?? StandardError.Split('\n').Concat(StandardOutput.Split('\n')).Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0)
        ?? $"exit status {ExitCode}";
}
