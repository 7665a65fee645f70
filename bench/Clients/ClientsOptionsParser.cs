namespace SshKeep.Bench.Clients;

/// <summary>Reads bench/clients' command line. Every mistake is one line naming the bad value and what is accepted.</summary>
internal static class ClientsOptionsParser
{
    public const string Usage = """
        usage: bench/clients [--reps N] [--scenarios LIST] [--keepers LIST] [--out DIR]
                             [--sshkeep PATH] [--autossh PATH]

        What a client of a -L tunnel sees through a reconnect: a throwaway sshd on 127.0.0.1, an
        echo server, each keeper holding one -L to it, and a client that opens a new connection
        through the tunnel every 50 ms (each waits up to its patience for its echo) while a fault
        is injected. Counts the attempts started from the fault until 2 s after the heal, and how
        they failed. Prints a Markdown table per scenario (medians over the repetitions) and writes
        it, with every trial's log, under --out. Needs root (iptables) for the black-hole scenario.

          --reps N          repetitions of every scenario (default 3)
          --scenarios LIST  comma-separated: kill, blackhole-N, sshd-down-N, failover, standby
                            (default: kill,blackhole-10,sshd-down-5,failover,standby)
          --keepers LIST    comma-separated: autossh, compat, daemon (default: autossh,daemon)
          --out DIR         report folder (default: bench/results)
          --sshkeep PATH    the sshkeep executable (the script passes the Native AOT build it makes;
                            run without the script: the one built with this benchmark)
          --autossh PATH    the autossh to compare with (default: /usr/bin/autossh, Debian's 1.4g)
        """;

    /// <returns>The options, or an error line, or neither when help was asked for.</returns>
    public static (ClientsOptions? Options, string? Error) Parse(IReadOnlyList<string> args, ClientsOptions defaults)
    {
        var options = defaults;
        string? scenarioList = null;
        var reader = new OptionReader(args);
        try
        {
            while (reader.Next())
            {
                if (reader.TryCommon(ref options)) continue;
                switch (reader.Name)
                {
                    case "-h" or "--help":
                        return (null, null);
                    case "--scenarios":
                        scenarioList = reader.Value();
                        break;
                    default:
                        return (null, $"unknown option \"{reader.Argument}\"; see bench/clients --help");
                }
            }
        }
        catch (BadOptionException e)
        {
            return (null, e.Message);
        }

        var scenarios = new List<ClientScenario>();
        foreach (var id in scenarioList is null ? ClientScenario.DefaultIds : OptionReader.Items(scenarioList))
        {
            if (ClientScenario.Parse(id) is not { } scenario) return (null, $"--scenarios: unknown scenario \"{id}\"; expected {ClientScenario.Accepted}");
            if (scenarios.All(s => s.Id != scenario.Id)) scenarios.Add(scenario);
        }
        if (scenarios.Count == 0) return (null, $"--scenarios is empty; expected {ClientScenario.Accepted}");
        return (options with { Scenarios = scenarios, CommandLine = string.Join(' ', ["bench/clients", .. args]) }, null);
    }
}
