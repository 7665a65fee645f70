namespace SshKeep.Native;

/// <summary>
/// Everything <see cref="PosixSpawn"/> needs to start one program. Shared by the ssh launcher and
/// by the <c>-f</c> detacher, which differ only in these switches.
/// </summary>
/// <param name="File">The file to execute: looked up in PATH when <paramref name="SearchPath"/> is set
/// and it has no slash (like execvp), else used as is.</param>
/// <param name="Argv">The whole argv, including argv[0] (which need not equal <paramref name="File"/>).</param>
/// <param name="Environment">The child's complete environment.</param>
internal sealed record SpawnRequest(string File, IReadOnlyList<string> Argv, IReadOnlyDictionary<string, string> Environment)
{
    public bool SearchPath { get; init; }

    /// <summary>Put the child in a new process group of its own (pgid = its pid).</summary>
    public bool NewProcessGroup { get; init; }

    /// <summary>Make the child the leader of a new session (setsid), as daemon(3) does.</summary>
    public bool NewSession { get; init; }

    /// <summary>Open /dev/null on the child's fds 0, 1 and 2, as daemon(3) does.</summary>
    public bool StandardStreamsToDevNull { get; init; }

    /// <summary>Directory the child starts in; null keeps ours.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>An fd of ours to become the child's fd 2 (the write end of a stderr pipe).</summary>
    public int? StandardErrorFd { get; init; }

    /// <summary>An fd of ours to become the child's fd 1 (an event hook's output shares its stderr pipe).</summary>
    public int? StandardOutputFd { get; init; }
}
