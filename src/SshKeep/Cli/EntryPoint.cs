using SshKeep.Compat;
using SshKeep.Daemon;

namespace SshKeep.Cli;

/// <summary>
/// Chooses the mode. Called as <c>autossh</c> (the installed symlink), sshkeep is always autossh
/// 1.4g. Called as <c>sshkeep</c>, a first argument that names one of sshkeep's own commands runs
/// that command; anything else is an autossh command line (so <c>sshkeep -M 0 host</c> works).
/// </summary>
internal static class EntryPoint
{
    public static async Task<int> RunAsync(string[] args)
    {
        // Before anything touches the console: an inherited ignore of SIGINT would otherwise stick
        // (docs/compatibility.md, SIGINT; docs/daemon.md, signals).
        SignalListener.UndoInheritedIgnore(SshKeep.Ssh.LibC.SIGINT);
        var argv0 = ProcessName.FromProcCmdline() ?? "sshkeep";
        // Run as "dotnet sshkeep.dll" the program name would be "dotnet".
        if (ProcessName.ProgName(argv0) == "dotnet") argv0 = "sshkeep";
        var programName = CompatCommandLine.ProgramName(argv0);
        // `killall autossh`, `pkill autossh` and init scripts find us by the called name
        // (docs/compatibility.md, process name).
        ProcessName.TrySetProcessTableName(programName);

        if (programName != "autossh" && args.Length > 0 && DaemonCommandLine.Verbs.Contains(args[0]))
            return await DaemonCommandLine.RunAsync(args);

        return await new CompatMode(Console.Out, Console.Error, TimeProvider.System).RunAsync(argv0, args);
    }
}
