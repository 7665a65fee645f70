using SshKeep.Native;

namespace SshKeep.Demo;

/// <summary>A long-running program of the demo or a test (ssh -N, autossh, sshkeep), its output collected; a stop
/// always ends and reaps it (SIGTERM, a grace period, SIGKILL), signalling only the pid it started.</summary>
internal sealed class BackgroundProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _stdoutClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _stderrClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static readonly TimeSpan OutputDrainLimit = TimeSpan.FromSeconds(1);

    private BackgroundProcess(Process process, string command)
    {
        _process = process;
        Command = command;
        process.OutputDataReceived += (_, e) => Collect(_stdout, _stdoutClosed, e.Data);
        process.ErrorDataReceived += (_, e) => Collect(_stderr, _stderrClosed, e.Data);
        process.Exited += (_, _) => _ = OnExitedAsync();
        try
        {
            process.Start();
        }
        catch
        {
            process.Dispose();
            throw;
        }
        Pid = process.Id;
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (process.HasExited) _ = OnExitedAsync();
    }

    public string Command { get; }

    public int Pid { get; }

    /// <summary>Completes with the exit code (128 + N when a signal killed it, as .NET reports it).</summary>
    public Task<int> Exited => _exited.Task;

    public bool HasExited => Exited.IsCompleted;

    public string StandardOutput
    {
        get { lock (_stdout) return _stdout.ToString(); }
    }

    public string StandardError
    {
        get { lock (_stderr) return _stderr.ToString(); }
    }

    public static BackgroundProcess Start(
        string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var startInfo = ProcessRunner.StartInfo(fileName, arguments, environment);
        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        return new BackgroundProcess(process, ProcessRunner.Describe(startInfo));
    }

    public bool Signal(int signal) => !HasExited && NativeSignals.Send(Pid, signal);

    public async Task<int> StopAsync(TimeSpan grace, TimeProvider? timeProvider = null)
    {
        if (!HasExited)
        {
            Signal(SignalNumbers.SIGTERM);
            using var timeout = new CancellationTokenSource(grace, timeProvider ?? TimeProvider.System);
            try
            {
                await Exited.WaitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                _process.Kill();
            }
        }
        return await Exited.ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        _process.Dispose();
    }

    /// <summary>Completes <see cref="Exited"/> once the output is in (so StandardError holds the last line),
    /// waiting a capped time: EOF never comes while a grandchild (an sshd session) holds the pipes.</summary>
    private async Task OnExitedAsync()
    {
        // Only the drain limit can fail this wait (the closings never fault).
        await Task.WhenAll(_stdoutClosed.Task, _stderrClosed.Task).WaitAsync(OutputDrainLimit)
                  .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _exited.TrySetResult(_process.ExitCode);
    }

    private static void Collect(StringBuilder sink, TaskCompletionSource closed, string? line)
    {
        if (line is null)
        {
            closed.TrySetResult();
            return;
        }
        lock (sink) sink.AppendLine(line);
    }
}
