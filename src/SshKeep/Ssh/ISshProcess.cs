namespace SshKeep.Ssh;

/// <summary>A running ssh child. Its exit is seen the moment it happens (SIGCHLD), never by polling.</summary>
internal interface ISshProcess : IAsyncDisposable
{
    int Pid { get; }

    Task<ChildExit> Exited { get; }

    /// <summary>The first stop (SIGSTOP/SIGTSTP): a stopped ssh forwards nothing, so it is treated as hung (R68).</summary>
    Task Stopped { get; }

    /// <summary>With <see cref="SshStartInfo.CaptureStandardError"/>; otherwise empty.</summary>
    IAsyncEnumerable<string> StandardErrorLines { get; }

    /// <summary>To the child, or its group when it has its own; a no-op once reaped.</summary>
    void Signal(int signal);

    /// <summary>SIGTERM and SIGCONT, SIGKILL after <paramref name="grace"/>; always reaped. Unlike autossh (R68),
    /// never blocks for ever.</summary>
    Task<ChildExit> StopAsync(TimeSpan grace, CancellationToken cancellationToken = default);
}
