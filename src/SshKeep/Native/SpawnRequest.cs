namespace SshKeep.Native;

/// <param name="Argv">The whole argv, including argv[0] (which need not equal <paramref name="File"/>).</param>
/// <param name="Environment">The child's complete environment.</param>
/// <param name="StandardErrorFd">An fd of ours to become the child's fd 2; <paramref name="StandardOutputFd"/> its fd 1.</param>
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
