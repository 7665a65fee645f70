namespace SshKeep.Ssh;

/// <summary>
/// What to run: the program (looked up in PATH when it has no slash, like execvp) and its
/// arguments as an argv array, never through a shell.
/// </summary>
/// <param name="Program">argv[0] and the file to execute.</param>
/// <param name="Arguments">argv[1..].</param>
/// <param name="EnvironmentOverrides">Variables to set (non-null value) or remove (null value) in the
/// child's copy of this process's environment (or in an empty one, with
/// <paramref name="ClearEnvironment"/>); null means inherit it unchanged.</param>
/// <param name="NewProcessGroup">Start the child in its own process group (daemon mode), so a stop
/// reaches everything it started; compatibility mode keeps the caller's group like autossh, so
/// an interactive ssh keeps the terminal.</param>
/// <param name="CaptureStandardError">Give the child a socket for stderr whose lines are reported
/// through <see cref="ISshProcess.StandardErrorLines"/>; otherwise stderr is inherited.</param>
/// <param name="ClearEnvironment">Start from an empty environment instead of this process's, so the
/// child gets exactly <paramref name="EnvironmentOverrides"/> (daemon mode: <see cref="SshEnvironment"/>).</param>
internal sealed record SshStartInfo(
    string Program,
    IReadOnlyList<string> Arguments,
    IReadOnlyDictionary<string, string?>? EnvironmentOverrides = null,
    bool NewProcessGroup = false,
    bool CaptureStandardError = false,
    bool ClearEnvironment = false);
