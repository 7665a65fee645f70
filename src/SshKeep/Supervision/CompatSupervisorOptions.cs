namespace SshKeep.Supervision;

/// <summary>What the compatibility supervisor needs beyond autossh's own settings.</summary>
public sealed record CompatSupervisorOptions
{
    /// <summary>When the environment was read: AUTOSSH_MAXLIFETIME counts from here (R67).</summary>
    public required DateTimeOffset LifetimeStart { get; init; }

    /// <summary>Our pid, for the "child of N execing" trace.</summary>
    public int OwnPid { get; init; } = Environment.ProcessId;

    /// <summary>How long ssh gets to act on SIGTERM before SIGKILL (autossh waits for ever, R68).</summary>
    public TimeSpan StopGrace { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Changes to ssh's environment (e.g. removing our own -f marker).</summary>
    public IReadOnlyDictionary<string, string?>? SshEnvironmentOverrides { get; init; }

    /// <summary>
    /// Optional early end of a back-off wait: completes when waiting longer is pointless (the
    /// server answers again, issue 4). Given the planned wait; null keeps autossh's plain sleep.
    /// </summary>
    public Func<TimeSpan, CancellationToken, Task>? WaitShortener { get; init; }
}
