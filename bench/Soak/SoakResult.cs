namespace SshKeep.Bench.Soak;

/// <summary>Everything a soak observed, filled in as it runs (so an interrupted run still reports what it saw).</summary>
internal sealed class SoakResult(SoakOptions options, string machine, DateTimeOffset startedAt, string logPath)
{
    public SoakOptions Options { get; } = options;

    public string Machine { get; } = machine;

    public DateTimeOffset StartedAt { get; } = startedAt;

    /// <summary>The run's timeline and the daemon's whole log.</summary>
    public string LogPath { get; } = logPath;

    public TimeSpan Duration { get; set; }

    /// <summary>Every planned fault was tried and the end checks ran.</summary>
    public bool Complete { get; set; }

    /// <summary>Why the run ended early ("interrupted", "time limit …", "set-up failed: …"); null when it did not.</summary>
    public string? StoppedBecause { get; set; }

    public List<RoundRecord> Rounds { get; } = [];

    /// <summary>The check after the config was put back to five default tunnels at the end.</summary>
    public List<TunnelBack> FinalCheck { get; } = [];

    public List<FootprintSample> Footprint { get; } = [];

    public List<StraySsh> Strays { get; } = [];

    /// <summary>Restarts the daemon counted over the run (per round: status after − before; a tunnel a
    /// reload replaced counts from zero again).</summary>
    public int Restarts { get; set; }

    /// <summary>Sum of `restarts` in status at the end (five tunnels: the removed sixth's are gone).</summary>
    public int RestartsInStatusAtEnd { get; set; }

    /// <summary>The daemon's exit status after SIGTERM at the end.</summary>
    public int? DaemonExit { get; set; }

    public int FaultsPlanned => Rounds.Sum(r => r.Faults.Count);

    public int FaultsApplied => Rounds.Sum(r => r.Faults.Count(f => f.Applied));

    /// <summary>Every (round, tunnel) that was not back within the goal, the final check's included (round null).</summary>
    public IReadOnlyList<(RoundRecord? Round, TunnelBack Tunnel)> NotBack =>
    [
        .. Rounds.SelectMany(r => r.Back.Where(b => !b.Within(Options.BackWithin)).Select(b => ((RoundRecord?)r, b))),
        .. FinalCheck.Where(b => !b.Within(Options.BackWithin)).Select(b => ((RoundRecord?)null, b)),
    ];
}
