namespace SshKeep.Demo;

/// <summary>How a helper program run by <see cref="ProcessRunner"/> ended, with everything it printed.</summary>
internal sealed record ProcessResult(string Command, int ExitCode, string StandardOutput, string StandardError, bool TimedOut)
{
    public bool Succeeded => !TimedOut && ExitCode == 0;

    /// <summary>Returns this result when the program exited 0; otherwise throws with its output, so a
    /// failing setup step explains itself instead of surfacing later as a refused connection.</summary>
    public ProcessResult EnsureSuccess()
    {
        if (Succeeded) return this;
        var how = TimedOut ? "did not finish before its deadline" : $"exited with {ExitCode}";
        throw new InvalidOperationException(
            $"{Command} {how}.\nstdout:\n{StandardOutput}\nstderr:\n{StandardError}");
    }
}
