namespace SshKeep.Cli;

internal static class HelpText
{
    public const string Text = """
        sshkeep — keeps ssh sessions and tunnels alive (a drop-in autossh 1.4g)

        usage:
          sshkeep [-V] [-M monitor_port[:echo_port]] [-f] [SSH_OPTIONS] host
                              autossh 1.4g compatibility mode: same flags, same AUTOSSH_*
                              variables, same exit rules (docs/compatibility.md)
          autossh ...         the same, through the installed autossh command
          sshkeep demo        start a throwaway sshd on 127.0.0.1, keep a tunnel to it
                              through injected faults, and show each recovery
          sshkeep help        this text

        """;
}
