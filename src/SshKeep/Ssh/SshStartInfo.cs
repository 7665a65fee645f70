namespace SshKeep.Ssh;

/// <summary>What to run: the program (looked up in PATH when it has no slash, like execvp) and its argv, never
/// through a shell.</summary>
/// <param name="EnvironmentOverrides">Set (a value) or remove (null), in a copy of ours or, with
/// <paramref name="ClearEnvironment"/>, of an empty one.</param>
/// <param name="NewProcessGroup">Daemon mode, so a stop reaches everything it started; autossh's mode keeps the
/// caller's group, so an interactive ssh keeps the terminal.</param>
internal sealed record SshStartInfo(
    string Program,
    IReadOnlyList<string> Arguments,
    IReadOnlyDictionary<string, string?>? EnvironmentOverrides = null,
    bool NewProcessGroup = false,
    bool CaptureStandardError = false,
    bool ClearEnvironment = false);
