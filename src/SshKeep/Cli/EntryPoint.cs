using SshKeep.Compat;
using SshKeep.Daemon;
using SshKeep.Native;

namespace SshKeep.Cli;

/// <summary>Chooses the mode (docs/compatibility.md): as <c>sshkeep</c>, one of its commands, a refused mistyped
/// command, or else an autossh command line; by any other name, autossh 1.4g under that name (spec R70).</summary>
internal static class EntryPoint
{
    /// <summary>The name that gives sshkeep's own face; every other name is autossh's.</summary>
    public const string SshkeepName = "sshkeep";

    public static async Task<int> RunAsync(string[] args)
    {
        // Before anything touches the console: an inherited ignore of SIGINT would otherwise stick
        // (docs/compatibility.md, SIGINT; docs/daemon.md, signals).
        SignalListener.UndoInheritedIgnore(SignalNumbers.SIGINT);
        var argv0 = ProcessName.FromProcCmdline() ?? SshkeepName;
        var programName = ProcessName.ProgName(argv0);
        // Run as "dotnet sshkeep.dll" the program name would be "dotnet".
        if (programName == "dotnet") (argv0, programName) = (SshkeepName, SshkeepName);
        // `killall autossh`, `pkill autossh` and init scripts find us by the called name
        // (docs/compatibility.md, process name).
        ProcessName.TrySetProcessTableName(programName);

        if (programName == SshkeepName && args.Length > 0)
        {
            if (DaemonCommandLine.Verbs.Contains(args[0])) return await DaemonCommandLine.RunAsync(args);
            var home = Environment.GetEnvironmentVariable("HOME");
            if (CommandWordCheck.SuggestionFor(args[0], alias => CommandWordCheck.IsHostAlias(alias, home)) is { } suggestion)
            {
                await Console.Error.WriteLineAsync(UnknownCommandLine(args[0], suggestion));
                return ExitCodes.Usage;
            }
        }

        var host = new CompatModeHost(ProcessEnvironment.Read, SshkeepName, () => VersionAction.Line, HelpText.AfterCompatUsage);
        return await new CompatMode(Console.Out, Console.Error, TimeProvider.System, host).RunAsync(argv0, args);
    }

    /// <summary>One line: what was not understood, the likely command, and how to mean a host.</summary>
    internal static string UnknownCommandLine(string word, string suggestion) =>
        $"sshkeep: unknown command '{word}'; did you mean 'sshkeep {suggestion}'? (for ssh to a host of that name: sshkeep -- {word})";
}
