namespace SshKeep.Bench.Faults;

/// <summary>Reads bench/faults' command line. Every mistake is one line naming the bad value and what is accepted.</summary>
internal static class BenchOptionsParser
{
    public const string Usage = """
        usage: bench/faults [--reps N] [--scenarios LIST] [--keepers LIST] [--quick] [--serial]
                            [--out DIR] [--sshkeep PATH] [--autossh PATH]

        Fault-injection benchmark: a throwaway sshd on 127.0.0.1, an echo server, and each
        keeper holding a tunnel to it; a probe sends a token through the tunnel every 100 ms while
        faults are injected. Prints a Markdown table of medians (ratios vs autossh) and writes it,
        with every trial's log, under --out. Needs root (iptables) for the black-hole scenarios.

          --reps N          repetitions of every scenario (default 3)
          --scenarios LIST  comma-separated: kill, freeze, sshd-restart, remote-port, blackhole-N
                            (default: kill,freeze,sshd-restart,remote-port,blackhole-10,blackhole-60,blackhole-300)
          --keepers LIST    comma-separated: autossh, compat, daemon (default: all three)
          --quick           short faults (blackhole-10,20; sshd down and port held 5 s) and shorter waits
          --serial          run the keepers one after the other (default: side by side, at the same time)
          --out DIR         report folder (default: bench/results)
          --sshkeep PATH    the sshkeep executable (the script passes the Native AOT build it makes;
                            run without the script: the one built with this benchmark)
          --autossh PATH    the autossh to compare with (default: /usr/bin/autossh, Debian's 1.4g)
        """;

    /// <returns>The options, or an error line, or neither when help was asked for.</returns>
    public static (BenchOptions? Options, string? Error) Parse(IReadOnlyList<string> args, BenchOptions defaults)
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
                    case "--quick":
                        options = options with { Quick = true };
                        break;
                    case "--serial":
                        options = options with { Serial = true };
                        break;
                    default:
                        return (null, $"unknown option \"{reader.Argument}\"; see bench/faults --help");
                }
            }
        }
        catch (BadOptionException e)
        {
            return (null, e.Message);
        }

        var scenarios = new List<FaultScenario>();
        foreach (var id in scenarioList is null ? (options.Quick ? FaultScenario.QuickIds : FaultScenario.DefaultIds) : OptionReader.Items(scenarioList))
        {
            if (FaultScenario.Parse(id, options.Quick) is not { } scenario) return (null, $"--scenarios: unknown scenario \"{id}\"; expected {FaultScenario.Accepted}");
            if (scenarios.All(s => s.Id != scenario.Id)) scenarios.Add(scenario);
        }
        if (scenarios.Count == 0) return (null, $"--scenarios is empty; expected {FaultScenario.Accepted}");
        return (options with { Scenarios = scenarios, CommandLine = string.Join(' ', ["bench/faults", .. args]) }, null);
    }
}
