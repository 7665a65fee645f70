namespace SshKeep.Demo;

/// <summary>Runs a helper program (ssh-keygen, ssh, ip …) to completion with a deadline and captures its output;
/// supervised ssh children go through Ssh/, never through here.</summary>
internal static class ProcessRunner
{
    /// <param name="deadline">After this the program and its descendants are killed (TimedOut).</param>
    /// <param name="standardInput">Written to stdin, which is then closed (never a terminal).</param>
    public static async Task<ProcessResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        TimeSpan deadline,
        IReadOnlyDictionary<string, string?>? environment = null,
        string? standardInput = null,
        TimeProvider? timeProvider = null,
        CancellationToken cancellationToken = default)
    {
        var startInfo = StartInfo(fileName, arguments, environment);
        var command = Describe(startInfo);

        using var process = Process.Start(startInfo)
                            ?? throw new InvalidOperationException($"could not start {fileName}");
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            if (standardInput is not null) await process.StandardInput.WriteAsync(standardInput).ConfigureAwait(false);
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The program exited without reading its input; its exit status tells the story.
        }

        using var timeout = new CancellationTokenSource(deadline, timeProvider ?? TimeProvider.System);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        var timedOut = false;
        try
        {
            await process.WaitForExitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The program is ours: kill it and whatever it started, then report (or rethrow a caller's cancel).
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            timedOut = true;
        }
        return new ProcessResult(command, process.ExitCode, await stdout.ConfigureAwait(false),
                                 await stderr.ConfigureAwait(false), timedOut);
    }

    /// <summary>The one way the demo and the fixtures describe a helper program to start: argv as an array (never a
    /// shell), all three streams redirected, and <paramref name="environment"/> applied (null removes a variable).</summary>
    public static ProcessStartInfo StartInfo(
        string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) startInfo.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null) startInfo.Environment.Remove(name);
            else startInfo.Environment[name] = value;
        }
        return startInfo;
    }

    /// <summary>The command line for messages ("ssh -N -L …").</summary>
    public static string Describe(ProcessStartInfo startInfo) => string.Join(' ', [startInfo.FileName, .. startInfo.ArgumentList]);
}
