using SshKeep.Config;

namespace SshKeep.Cli;

internal static class HelpText
{
    /// <summary>In <c>--help</c>, and after autossh's usage when <c>sshkeep</c> gets no arguments or a bad autossh option.</summary>
    public const string Commands = """
          sshkeep up [-c FILE]           run many named tunnels from one config file
          sshkeep status [--json]        every tunnel's state (exit 0 all up, 1 not, 3 no daemon)
          sshkeep restart NAME | retry-now [NAME] | reload | stop
          sshkeep check [-c FILE]        validate a config file (exit 78 when invalid)
          sshkeep doctor [-c FILE]       check ssh, keys, known_hosts, keepalive and each server
          sshkeep install-service        a systemd unit for `sshkeep up`
          sshkeep uninstall-service      stop and remove that unit
          sshkeep demo                   a throwaway sshd and a tunnel kept through faults
          sshkeep help [COMMAND]         this help, or one command's options
          sshkeep help config [KEY]      the tunnels file's keys, or one key's entry
          sshkeep version                sshkeep's version (also -V, --version)
        FILE: -c FILE, else $SSHKEEP_CONFIG, else ~/.config/sshkeep/tunnels.yaml
        (/etc/sshkeep/tunnels.yaml as root).

        """;

    public const string Text = """
        sshkeep — keeps ssh sessions and tunnels alive (a drop-in autossh 1.4g)

        usage:
          sshkeep [-V] [-M monitor_port[:echo_port]] [-f] [SSH_OPTIONS] host
                              autossh 1.4g compatibility mode: same flags, same AUTOSSH_*
                              variables, same exit rules (docs/compatibility.md)
          autossh ...         the same, through the installed autossh command

        """ + Commands;

    public const string AfterCompatUsage = """
        sshkeep's own commands (sshkeep help COMMAND for one):

        """ + Commands;

    public const string ConfigTopic = "config";

    public static int ExplainConfig(string? key, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        IReadOnlyList<ConfigKey> entries = key is null ? [] : ConfigKeyHelp.Find(key);
        if (key is null || entries.Count > 0)
        {
            output.Write(key is null ? ConfigKeyHelp.Listing() : ConfigKeyHelp.Explain(entries));
            return ExitCodes.Ok;
        }

        var suggestion = ConfigKeyHelp.Suggestion(key) is { } closest ? $" (did you mean {closest}?)" : "";
        error.WriteLine($"sshkeep: help {ConfigTopic} {ConfigText.Quote(key)}: no such key of the tunnels file{suggestion}; `sshkeep help {ConfigTopic}` lists them");
        return ExitCodes.Usage;
    }
}
