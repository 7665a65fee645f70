namespace SshKeep.Ssh;

/// <summary>
/// What posix_spawn is asked to run for one ssh: the file, its argv, and whether the file is
/// searched in PATH. Without an exec step: ssh itself, found by posix_spawnp as autossh's execvp
/// does. With one (<c>setpriv --pdeathsig TERM --</c>, docs/daemon.md "Parent-death signal"): the
/// step at its absolute path, which sets the signal and execs ssh in the same process, so ssh keeps
/// the pid, environment, process group and fds it would have had.
/// </summary>
internal sealed record SpawnPlan(string File, IReadOnlyList<string> Argv, bool SearchPath)
{
    /// <summary>The arguments setpriv needs before the program: SIGTERM lets ssh end cleanly and
    /// the server free its -R ports.</summary>
    public static readonly IReadOnlyList<string> SetprivArguments = ["--pdeathsig", "TERM", "--"];

    /// <param name="program">ssh_path as configured ("ssh", "/usr/bin/ssh").</param>
    /// <param name="arguments">ssh's arguments after argv[0].</param>
    /// <param name="setprivPath">The exec step, or null to start ssh directly.</param>
    /// <param name="resolvedProgram">The file <paramref name="program"/> names (<see cref="ProgramSearch"/>);
    /// used only with the step, which must not search PATH in ssh's environment.</param>
    public static SpawnPlan For(string program, IReadOnlyList<string> arguments, string? setprivPath, string? resolvedProgram)
    {
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(arguments);
        if (setprivPath is null) return new SpawnPlan(program, [program, .. arguments], SearchPath: true);
        ArgumentNullException.ThrowIfNull(resolvedProgram);
        return new SpawnPlan(setprivPath, [setprivPath, .. SetprivArguments, resolvedProgram, .. arguments], SearchPath: false);
    }
}
