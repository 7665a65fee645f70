namespace SshKeep.Bench.Soak;

/// <summary>How long each kind of outage lasts (drawn per fault).</summary>
internal sealed record OutageRanges
{
    /// <summary>The full soak: black-holes of 1–30 s as docs/benchmarks.md's soak goals ask, the others a few seconds.</summary>
    public static OutageRanges Full { get; } = new()
    {
        BlackHole = new(1, 30),
        Freeze = new(1, 10),
        SshdDown = new(1, 10),
        PortHeld = new(2, 10),
    };

    /// <summary>The short soak of ./test.sh (--short): the same faults, shorter outages.</summary>
    public static OutageRanges Short { get; } = new()
    {
        BlackHole = new(1, 5),
        Freeze = new(1, 3),
        SshdDown = new(0.5, 2),
        PortHeld = new(1, 3),
    };

    public SecondsRange BlackHole { get; init; }

    public SecondsRange Freeze { get; init; }

    public SecondsRange SshdDown { get; init; }

    public SecondsRange PortHeld { get; init; }

    public SecondsRange For(FaultKind kind) => kind switch
    {
        FaultKind.BlackHole => BlackHole,
        FaultKind.ServerFrozen => Freeze,
        FaultKind.SshdRestarted => SshdDown,
        FaultKind.RemotePortHeld => PortHeld,
        _ => new SecondsRange(0, 0),
    };
}
