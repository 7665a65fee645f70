namespace SshKeep.Ssh;

/// <summary>Never through a shell; a program without a slash is looked up in PATH, like execvp.</summary>
/// <param name="EnvironmentOverrides">Set (a value) or remove (null), in a copy of ours or, with
/// <paramref name="ClearEnvironment"/>, of an empty one.</param>
/// <param name="NewProcessGroup">Daemon mode (docs/daemon.md "Children: exits and stderr"); autossh's keeps the tty.</param>
internal sealed record SshStartInfo(string Program, IReadOnlyList<string> Arguments,
    IReadOnlyDictionary<string, string?>? EnvironmentOverrides = null, bool NewProcessGroup = false,
    bool CaptureStandardError = false, bool ClearEnvironment = false);
