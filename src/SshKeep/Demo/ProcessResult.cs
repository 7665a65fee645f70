namespace SshKeep.Demo;

internal sealed record ProcessResult(string Command, int ExitCode, string StandardOutput, string StandardError, bool TimedOut)
{
    public bool Succeeded => !TimedOut && ExitCode == 0;

    /// <summary>Throws with the output unless it exited 0: a failed setup step explains itself there.</summary>
    public ProcessResult EnsureSuccess()
    {
        if (Succeeded) return this;
        var how = TimedOut ? "did not finish before its deadline" : $"exited with {ExitCode}";
        throw new InvalidOperationException(
            $"{Command} {how}.\nstdout:\n{StandardOutput}\nstderr:\n{StandardError}");
    }
}
