namespace SshKeep.Ssh;

/// <summary>What posix_spawn runs for one ssh: ssh itself, searched in PATH as autossh's execvp does, or
/// <c>setpriv --pdeathsig TERM --</c> at its absolute path, which execs ssh in the same process
/// (docs/daemon.md "Parent-death signal").</summary>
internal sealed record SpawnPlan(string File, IReadOnlyList<string> Argv, bool SearchPath)
{
    /// <summary>SIGTERM lets ssh end cleanly and the server free its -R ports.</summary>
    public static readonly IReadOnlyList<string> SetprivArguments = ["--pdeathsig", "TERM", "--"];

    /// <param name="resolvedProgram">The file <paramref name="program"/> names (<see cref="ProgramSearch"/>);
    /// used only with setpriv, which must not search PATH in ssh's environment.</param>
    public static SpawnPlan For(string program, IReadOnlyList<string> arguments, string? setprivPath, string? resolvedProgram)
    {
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(arguments);
        if (setprivPath is null) return new SpawnPlan(program, [program, .. arguments], SearchPath: true);
        ArgumentNullException.ThrowIfNull(resolvedProgram);
        return new SpawnPlan(setprivPath, [setprivPath, .. SetprivArguments, resolvedProgram, .. arguments], SearchPath: false);
    }
}
