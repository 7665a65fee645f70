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
          sshkeep up [-c FILE]           run many named tunnels from one config file
          sshkeep status [--json]        every tunnel's state (exit 0 all up, 1 not, 3 no daemon)
          sshkeep restart NAME | retry-now [NAME] | reload | stop
          sshkeep check [-c FILE]        validate a config file (exit 78 when invalid)
          sshkeep doctor [-c FILE]       check ssh, keys, known_hosts, keepalive and each server
          sshkeep install-service        a systemd unit for `sshkeep up`
          sshkeep demo                   a throwaway sshd and a tunnel kept through faults

        """;
}
