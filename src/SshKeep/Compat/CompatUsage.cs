namespace SshKeep.Compat;

/// <summary>R4: autossh's 29-line layout and facts, in sshkeep's own words.</summary>
internal static class CompatUsage
{
    public static string Text(string programName) =>
        $"""
        usage: {programName} [-V] [-M monitor_port[:echo_port]] [-f] [SSH_OPTIONS]

            -M sets the monitor port; it takes precedence over AUTOSSH_PORT.
               The test runs out on monitor_port and back on monitor_port+1;
               0 turns monitoring off. With monitor_port:echo_port the test
               uses an echo service on the remote machine (usually port 7).
            -f runs in the background; this option is handled here and is
               not passed on to ssh.
            -V prints the version and exits.

        Environment variables:
            AUTOSSH_GATETIME    - seconds an ssh session must stay up before it
                                  counts as established; if the first one ends
                                  sooner, give up. Default is 30 seconds; -f
                                  sets it to 0.
            AUTOSSH_LOGFILE     - file to append log lines to (default: the
                                  syslog facility)
            AUTOSSH_LOGLEVEL    - how much to log, as a syslog level 0 to 7
            AUTOSSH_MAXLIFETIME - seconds to run in total before stopping
            AUTOSSH_MAXSTART    - how many times to start ssh (default: no limit)
            AUTOSSH_MESSAGE     - text added to each test message (max 64 bytes)
            AUTOSSH_PATH        - the ssh program to run, if not /usr/bin/ssh
            AUTOSSH_PIDFILE     - file to write the process id to
            AUTOSSH_POLL        - seconds between connection tests (default 600)
            AUTOSSH_FIRST_POLL  - seconds from starting ssh to its first test
            AUTOSSH_PORT        - monitor port, used when -M is not given
            AUTOSSH_DEBUG       - if set at all: log everything and copy the
                                  log lines to stderr


        """;
}
