namespace SshKeep.Ssh;

/// <summary>What to run: the program (looked up in PATH when it has no slash, like execvp) and its argv, never
/// through a shell.</summary>
/// <param name="EnvironmentOverrides">Variables to set (a value) or remove (null) in the child's copy of this
/// process's environment, or of an empty one with <paramref name="ClearEnvironment"/> (daemon mode:
/// <see cref="SshEnvironment"/>); null inherits it unchanged.</param>
/// <param name="NewProcessGroup">A group of its own (daemon mode), so a stop reaches everything it started;
/// compatibility mode keeps the caller's group like autossh, so an interactive ssh keeps the terminal.</param>
/// <param name="CaptureStandardError">stderr's lines go to <see cref="ISshProcess.StandardErrorLines"/>;
/// otherwise stderr is inherited.</param>
internal sealed record SshStartInfo(
    string Program,
    IReadOnlyList<string> Arguments,
    IReadOnlyDictionary<string, string?>? EnvironmentOverrides = null,
    bool NewProcessGroup = false,
    bool CaptureStandardError = false,
    bool ClearEnvironment = false);
