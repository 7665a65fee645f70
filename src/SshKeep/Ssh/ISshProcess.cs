namespace SshKeep.Ssh;

internal interface ISshProcess : IAsyncDisposable
{
    int Pid { get; }

    Task<ChildExit> Exited { get; }

    /// <summary>The first stop (SIGSTOP/SIGTSTP): treated as hung (R68).</summary>
    Task Stopped { get; }

    /// <summary>With <see cref="SshStartInfo.CaptureStandardError"/>; otherwise empty.</summary>
    IAsyncEnumerable<string> StandardErrorLines { get; }

    /// <summary>SIGTERM, SIGCONT, SIGKILL after <paramref name="grace"/>: never for ever, unlike autossh (R68).</summary>
    Task<ChildExit> StopAsync(TimeSpan grace, CancellationToken cancellationToken = default);
}
