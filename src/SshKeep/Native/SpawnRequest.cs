namespace SshKeep.Native;

/// <summary>Everything <see cref="PosixSpawn"/> needs to start one program. Shared by the ssh launcher and by the
/// <c>-f</c> detacher, which differ only in these switches.</summary>
/// <param name="File">The file to execute: looked up in PATH when <paramref name="SearchPath"/> is set
/// and it has no slash (like execvp), else used as is.</param>
/// <param name="Argv">The whole argv, including argv[0] (which need not equal <paramref name="File"/>).</param>
/// <param name="Environment">The child's complete environment.</param>
/// <param name="NewProcessGroup">Put the child in a new process group of its own (pgid = its pid).</param>
/// <param name="NewSession">Make the child the leader of a new session (setsid), as daemon(3) does.</param>
/// <param name="StandardStreamsToDevNull">Open /dev/null on the child's fds 0, 1 and 2, as daemon(3) does.</param>
/// <param name="WorkingDirectory">Directory the child starts in; null keeps ours.</param>
/// <param name="StandardErrorFd">An fd of ours to become the child's fd 2 (the write end of a stderr pipe).</param>
/// <param name="StandardOutputFd">An fd of ours to become the child's fd 1 (an event hook's output shares its stderr pipe).</param>
internal sealed record SpawnRequest(
    string File,
    IReadOnlyList<string> Argv,
    IReadOnlyDictionary<string, string> Environment,
    bool SearchPath = false,
    bool NewProcessGroup = false,
    bool NewSession = false,
    bool StandardStreamsToDevNull = false,
    string? WorkingDirectory = null,
    int? StandardErrorFd = null,
    int? StandardOutputFd = null);
