using System.Globalization;

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
          --sshkeep PATH    the sshkeep executable (default: the one built with this benchmark)
          --autossh PATH    the autossh to compare with (default: /usr/bin/autossh, Debian's 1.4g)
        """;

    /// <returns>The options, or an error line, or neither when help was asked for.</returns>
    public static (BenchOptions? Options, string? Error) Parse(IReadOnlyList<string> args, BenchOptions defaults)
    {
        var options = defaults;
        string? scenarioList = null;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var (name, inline) = arg.StartsWith("--", StringComparison.Ordinal) && arg.IndexOf('=') is > 0 and var eq
                ? (arg[..eq], arg[(eq + 1)..])
                : (arg, (string?)null);
            string Value()
            {
                if (inline is not null) return inline;
                if (i + 1 >= args.Count) throw new BadOption($"{name} needs a value");
                return args[++i];
            }
            try
            {
                switch (name)
                {
                    case "-h" or "--help":
                        return (null, null);
                    case "--reps":
                        var reps = Value();
                        if (!int.TryParse(reps, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n is < 1 or > 100)
                            return (null, $"--reps \"{reps}\" is not a whole number from 1 to 100");
                        options = options with { Reps = n };
                        break;
                    case "--scenarios":
                        scenarioList = Value();
                        break;
                    case "--keepers":
                        var keepers = new List<KeeperKind>();
                        foreach (var id in Items(Value()))
                        {
                            if (KeeperKinds.Parse(id) is not { } kind) return (null, $"--keepers: unknown keeper \"{id}\"; expected {KeeperKinds.Accepted}");
                            if (!keepers.Contains(kind)) keepers.Add(kind);
                        }
                        if (keepers.Count == 0) return (null, $"--keepers is empty; expected {KeeperKinds.Accepted}");
                        options = options with { Keepers = keepers };
                        break;
                    case "--quick":
                        options = options with { Quick = true };
                        break;
                    case "--serial":
                        options = options with { Serial = true };
                        break;
                    case "--out":
                        options = options with { OutputDirectory = Path.GetFullPath(Value()) };
                        break;
                    case "--sshkeep":
                        options = options with { SshkeepPath = Path.GetFullPath(Value()) };
                        break;
                    case "--autossh":
                        options = options with { AutosshPath = Value() };
                        break;
                    default:
                        return (null, $"unknown option \"{arg}\"; see bench/faults --help");
                }
            }
            catch (BadOption e)
            {
                return (null, e.Message);
            }
        }

        var scenarios = new List<FaultScenario>();
        foreach (var id in scenarioList is null ? (options.Quick ? FaultScenario.QuickIds : FaultScenario.DefaultIds) : Items(scenarioList))
        {
            if (FaultScenario.Parse(id, options.Quick) is not { } scenario) return (null, $"--scenarios: unknown scenario \"{id}\"; expected {FaultScenario.Accepted}");
            if (scenarios.All(s => s.Id != scenario.Id)) scenarios.Add(scenario);
        }
        if (scenarios.Count == 0) return (null, $"--scenarios is empty; expected {FaultScenario.Accepted}");
        return (options with { Scenarios = scenarios, CommandLine = string.Join(' ', ["bench/faults", .. args]) }, null);
    }

    private static IEnumerable<string> Items(string list) =>
        list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private sealed class BadOption(string message) : Exception(message);
}
