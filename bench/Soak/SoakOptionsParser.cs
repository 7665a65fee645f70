using System.Globalization;

namespace SshKeep.Bench.Soak;

/// <summary>Reads bench/soak's command line. Every mistake is one line naming the bad value and what is accepted.</summary>
internal static class SoakOptionsParser
{
    public const string Usage = """
        usage: bench/soak [--faults N] [--seed N] [--gap SECONDS] [--short] [--blackhole MIN-MAX]
                          [--backoff-max SECONDS] [--back-within SECONDS] [--sample-every N]
                          [--time-limit MINUTES] [--out DIR] [--sshkeep PATH]

        Soak under random faults: one `sshkeep up` holding 5 tunnels (3 -L, 2 -R, each to an
        echo server) to a throwaway sshd on 127.0.0.1, and random faults from the recovery benchmark's
        set, one round every few seconds, sometimes two at once: an ssh SIGKILLed, the sshd port
        black-holed (iptables on lo), a server session frozen (SIGSTOP), sshd restarted, a -R port
        taken by a foreign ssh, the config reloaded with a change. After each heal every tunnel is
        checked end to end. Prints a Markdown report (goals: every tunnel back within 5 s of the heal,
        no stray ssh, flat fds and RSS) and writes it, with the run's log, under --out.
        Exits 0 when every goal is met, 1 when one is missed, 2 for a bad option or a missing tool,
        130 when interrupted. Needs root (iptables).

          --faults N            faults to apply (default 500; 50 with --short); a pair counts two
          --seed N              seed of every random choice (default: a random one, printed)
          --gap SECONDS         pause between rounds, drawn from ½× to 1½× this (default 3; 0.3 with --short)
          --short               the short soak of ./test.sh: 50 faults, black-holes 1–5 s, sshd down
                                0.5–2 s, freezes 1–3 s, held ports 1–3 s, gaps 0.3 s, two faults
                                at once in 35 % of rounds (20 % otherwise)
          --blackhole MIN-MAX   black-hole lengths in seconds (default 1-30; 1-5 with --short)
          --backoff-max SECONDS caps every tunnel's back-off (backoff.max; default: the daemon's 30 s)
          --back-within SECONDS the goal for "came back" after a heal (default 5)
          --sample-every N      sample the daemon's fds and RSS every N faults (default 50, or a tenth
                                of --faults when that is fewer, at least 5)
          --time-limit MINUTES  stop after this long whatever the count (default 240; 20 with --short)
          --out DIR             report folder (default: bench/results)
          --sshkeep PATH        the sshkeep executable (default: the one built with this benchmark)
        """;

    /// <returns>The options, or an error line, or neither when help was asked for.</returns>
    public static (SoakOptions? Options, string? Error) Parse(IReadOnlyList<string> args, SoakOptions defaults)
    {
        // --short first, so the options given with it override its values whatever their order.
        var options = args.Contains("--short") ? defaults.AsShort() : defaults;
        var seeded = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var (name, inline) = arg.StartsWith("--", StringComparison.Ordinal) && arg.IndexOf('=') is > 0 and var eq
                ? (arg[..eq], arg[(eq + 1)..])
                : (arg, (string?)null);
            string? value = null;
            if (name is "--faults" or "--seed" or "--gap" or "--blackhole" or "--back-within" or "--backoff-max" or "--sample-every" or "--time-limit" or "--out" or "--sshkeep")
            {
                value = inline ?? (i + 1 < args.Count ? args[++i] : null);
                if (value is null) return (null, $"{name} needs a value");
            }
            switch (name)
            {
                case "-h" or "--help":
                    return (null, null);
                case "--short":
                    break;
                case "--faults":
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var faults) || faults is < 1 or > 100_000)
                        return (null, $"--faults \"{value}\" is not a whole number from 1 to 100000");
                    options = options with { Faults = faults };
                    break;
                case "--seed":
                    if (!int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seed))
                        return (null, $"--seed \"{value}\" is not a whole number (a 32-bit integer)");
                    options = options with { Seed = seed };
                    seeded = true;
                    break;
                case "--gap":
                    if (Seconds(value!) is not { } gap || gap > TimeSpan.FromMinutes(10))
                        return (null, $"--gap \"{value}\" is not a number of seconds from 0 to 600");
                    options = options with { Gap = gap };
                    break;
                case "--blackhole":
                    if (SecondsRange.Parse(value!) is not { } range)
                        return (null, $"--blackhole \"{value}\" is not MIN-MAX in seconds (0.5 ≤ MIN ≤ MAX ≤ 600), e.g. 1-30");
                    options = options with { Outages = options.Outages with { BlackHole = range } };
                    break;
                case "--back-within":
                    if (Seconds(value!) is not { } within || within <= TimeSpan.Zero || within > TimeSpan.FromMinutes(10))
                        return (null, $"--back-within \"{value}\" is not a number of seconds above 0 and at most 600");
                    options = options with { BackWithin = within, RecoveryLimit = within * 2 > options.RecoveryLimit ? within * 2 : options.RecoveryLimit };
                    break;
                case "--backoff-max":
                    if (!double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var max) || max is < 1 or > 600)
                        return (null, $"--backoff-max \"{value}\" is not a number of seconds from 1 to 600");
                    options = options with { BackoffMax = max };
                    break;
                case "--sample-every":
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var every) || every is < 1 or > 100_000)
                        return (null, $"--sample-every \"{value}\" is not a whole number from 1 to 100000");
                    options = options with { SampleEvery = every };
                    break;
                case "--time-limit":
                    if (!double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var minutes) || minutes is <= 0 or > 7 * 24 * 60)
                        return (null, $"--time-limit \"{value}\" is not a number of minutes above 0 and at most 10080 (a week)");
                    options = options with { TimeLimit = TimeSpan.FromMinutes(minutes) };
                    break;
                case "--out":
                    options = options with { OutputDirectory = Path.GetFullPath(value!) };
                    break;
                case "--sshkeep":
                    options = options with { SshkeepPath = Path.GetFullPath(value!) };
                    break;
                default:
                    return (null, $"unknown option \"{arg}\"; see bench/soak --help");
            }
        }
        if (!seeded) options = options with { Seed = Random.Shared.Next() };
        return (options with { CommandLine = string.Join(' ', ["bench/soak", .. args]) }, null);
    }

    private static TimeSpan? Seconds(string text) =>
        double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0
            ? TimeSpan.FromSeconds(seconds)
            : null;
}
