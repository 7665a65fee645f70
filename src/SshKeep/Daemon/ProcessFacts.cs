namespace SshKeep.Daemon;

/// <summary>
/// What /proc says about one process, as far as <see cref="OrphanRule"/> needs it; a field the
/// reader could not read is null (a process that went away, or one we may not look into).
/// </summary>
/// <param name="Pid">The process id.</param>
/// <param name="State">The state letter of /proc/PID/stat ('S', 'R', 'Z' for a zombie …).</param>
/// <param name="ProcessGroup">Its process group id (field 5 of /proc/PID/stat).</param>
/// <param name="RealUid">The real uid (first number of the "Uid:" line of /proc/PID/status).</param>
/// <param name="EffectiveUid">The effective uid (second number of that line).</param>
/// <param name="Argv">/proc/PID/cmdline split at its NULs.</param>
/// <param name="Executable">The target of /proc/PID/exe.</param>
/// <param name="Environment">/proc/PID/environ as name → value.</param>
internal sealed record ProcessFacts(
    int Pid,
    char State,
    int ProcessGroup,
    uint? RealUid,
    uint? EffectiveUid,
    IReadOnlyList<string> Argv,
    string? Executable,
    IReadOnlyDictionary<string, string>? Environment);
