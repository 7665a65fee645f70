namespace SshKeep.Bench.Soak;

/// <summary>What one soak does, from bench/soak's command line (or a test).</summary>
internal sealed record SoakOptions
{
    /// <summary>Faults to apply; a round of two faults at once counts two.</summary>
    public int Faults { get; init; } = 500;

    /// <summary>Seeds every random choice of the plan (which fault, which tunnel, how long, the gaps).</summary>
    public int Seed { get; init; }

    /// <summary>The pause after a round's check before the next round: drawn from ½× to 1½× this.</summary>
    public TimeSpan Gap { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>The chance that a round applies two faults at once.</summary>
    public double PairChance { get; init; } = 0.2;

    public OutageRanges Outages { get; init; } = OutageRanges.Full;

    /// <summary>backoff.max for every tunnel, in seconds; null keeps the daemon's default (30 s).
    /// The short soak of ./test.sh caps it: with a fault every second or two no tunnel stays up for
    /// the 30 s stable period, so its back-off keeps doubling, and one wait of up to 30 s is the
    /// daemon's policy at work, not a failure to recover (see bench/README.md).</summary>
    public double? BackoffMax { get; init; }

    /// <summary>The short profile (--short): shorter outages and gaps, 50 faults unless told.</summary>
    public bool Short { get; init; }

    /// <summary>The goal: every tunnel carries bytes again this soon after the heal.</summary>
    public TimeSpan BackWithin { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long after the heal the check keeps trying before it calls a tunnel down for good.</summary>
    public TimeSpan RecoveryLimit { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The daemon's fds and RSS are sampled every this many faults (and at the start and end);
    /// null: every 50, or every tenth of the faults when that is fewer (at least 5).</summary>
    public int? SampleEvery { get; init; }

    public int SampleInterval => SampleEvery ?? Math.Clamp(Faults / 10, 5, 50);

    /// <summary>The run stops (and says so) after this long, whatever the count.</summary>
    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromHours(4);

    /// <summary>Where the report and the run's log go.</summary>
    public string OutputDirectory { get; init; } = "";

    /// <summary>The sshkeep executable whose daemon is soaked.</summary>
    public string SshkeepPath { get; init; } = "";

    /// <summary>The command line as given, for the report.</summary>
    public string CommandLine { get; init; } = "bench/soak";

    /// <summary>The short soak: 50 faults, outages of a few seconds, short gaps, more pairs (so it
    /// takes about three minutes).</summary>
    public SoakOptions AsShort() => this with
    {
        Short = true,
        PairChance = 0.35,
        Faults = 50,
        Gap = TimeSpan.FromSeconds(0.3),
        Outages = OutageRanges.Short,
        TimeLimit = TimeSpan.FromMinutes(20),
    };
}
