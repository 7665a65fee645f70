namespace SshKeep.Ssh;

/// <summary>A running ssh child. Its exit is seen the moment it happens (SIGCHLD), never by polling.</summary>
internal interface ISshProcess : IAsyncDisposable
{
    int Pid { get; }

    /// <summary>Completes when the child has ended and been reaped.</summary>
    Task<ChildExit> Exited { get; }

    /// <summary>Completes the first time the child is stopped (SIGSTOP/SIGTSTP): a stopped ssh
    /// forwards nothing, so the supervisor treats it as hung (spec R68 bug fix).</summary>
    Task Stopped { get; }

    /// <summary>Lines the child wrote on stderr, when it was started with
    /// <see cref="SshStartInfo.CaptureStandardError"/>; otherwise an empty sequence.</summary>
    IAsyncEnumerable<string> StandardErrorLines { get; }

    /// <summary>Sends a signal to the child (or its group when it has its own). No-op once reaped.</summary>
    void Signal(int signal);

    /// <summary>
    /// Stops the child for good: SIGTERM (and SIGCONT, so a stopped child can act on it), then
    /// SIGKILL if it is still there after <paramref name="grace"/>; always reaped. Returns how it
    /// ended. Unlike autossh (R68) this never blocks for ever.
    /// </summary>
    Task<ChildExit> StopAsync(TimeSpan grace, CancellationToken cancellationToken = default);
}
