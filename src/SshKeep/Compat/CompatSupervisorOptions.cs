namespace SshKeep.Compat;

/// <summary>What the compatibility supervisor needs beyond autossh's own settings.</summary>
internal sealed record CompatSupervisorOptions
{
    /// <summary>When the environment was read: AUTOSSH_MAXLIFETIME counts from here (R67).</summary>
    public required DateTimeOffset LifetimeStart { get; init; }

    /// <summary>Our pid, for the "child of N execing" trace.</summary>
    public int OwnPid { get; init; } = Environment.ProcessId;

    /// <summary>How long ssh gets to act on SIGTERM before SIGKILL (autossh waits for ever, R68).</summary>
    public TimeSpan StopGrace { get; init; } = TimeSpan.FromSeconds(5);

    public IReadOnlyDictionary<string, string?>? SshEnvironmentOverrides { get; init; }

    /// <summary>When set, a back-off wait ends as soon as a silent server answers again, and an ssh
    /// stuck connecting is replaced when the server answers (docs/compatibility.md, rows 21–22).</summary>
    public SshKeep.Health.IServerReachability? Reachability { get; init; }
}
