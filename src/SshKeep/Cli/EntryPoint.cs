using SshKeep.Compat;
using SshKeep.Daemon;
using SshKeep.Native;

namespace SshKeep.Cli;

/// <summary>Chooses the mode (docs/compatibility.md, "Called as sshkeep, or by another name"; spec R70).</summary>
internal static class EntryPoint
{
    public const string SshkeepName = "sshkeep";

    public static async Task<int> RunAsync(string[] args)
    {
        // Before anything touches the console, or an inherited ignore of SIGINT sticks (docs/daemon.md, "Signals").
        SignalListener.UndoInheritedIgnore(SignalNumbers.SIGINT);
        var argv0 = ProcessName.FromProcCmdline() ?? SshkeepName;
        var programName = ProcessName.ProgName(argv0);
        // Run as "dotnet sshkeep.dll" the program name would be "dotnet".
        if (programName == "dotnet") (argv0, programName) = (SshkeepName, SshkeepName);
        // Scripts find us by the called name (docs/compatibility.md, "The process, as scripts see it").
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

        var host = new CompatModeHost(() => PosixSpawn.EnvironmentWith(null), SshkeepName, () => VersionAction.Line,
            HelpText.AfterCompatUsage);
        return await new CompatMode(Console.Out, Console.Error, TimeProvider.System, host).RunAsync(argv0, args);
    }

    internal static string UnknownCommandLine(string word, string suggestion) =>
        $"sshkeep: unknown command '{word}'; did you mean 'sshkeep {suggestion}'? (for ssh to a host of that name: sshkeep -- {word})";
}
