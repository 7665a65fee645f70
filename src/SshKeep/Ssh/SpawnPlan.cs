namespace SshKeep.Ssh;

/// <summary>ssh, searched in PATH as autossh's execvp does, or setpriv (docs/daemon.md "Parent-death signal").</summary>
internal sealed record SpawnPlan(string File, IReadOnlyList<string> Argv, bool SearchPath)
{
    /// <summary>SIGTERM lets ssh end cleanly and the server free its -R ports.</summary>
    public static readonly IReadOnlyList<string> SetprivArguments = ["--pdeathsig", "TERM", "--"];

    /// <param name="resolvedProgram">Used only with setpriv, which must not search PATH in ssh's environment.</param>
    public static SpawnPlan For(string program, IReadOnlyList<string> arguments, string? setprivPath, string? resolvedProgram)
    {
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(arguments);
        if (setprivPath is null) return new SpawnPlan(program, [program, .. arguments], SearchPath: true);
        ArgumentNullException.ThrowIfNull(resolvedProgram);
        return new SpawnPlan(setprivPath, [setprivPath, .. SetprivArguments, resolvedProgram, .. arguments], SearchPath: false);
    }
}
