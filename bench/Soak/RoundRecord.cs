namespace SshKeep.Bench.Soak;

/// <summary>One round: its faults (numbered from <paramref name="FirstFault"/>), when the last of them
/// healed (since the start of the run), every tunnel's check, and the restarts the daemon counted in it.</summary>
internal sealed record RoundRecord(int FirstFault, IReadOnlyList<FaultOutcome> Faults, TimeSpan HealedAt, IReadOnlyList<TunnelBack> Back, int Restarts)
{
    public int LastFault => FirstFault + Faults.Count - 1;

    /// <summary>"fault 12" or "faults 12–13".</summary>
    public string Numbers => Faults.Count == 1 ? $"fault {FirstFault}" : $"faults {FirstFault}–{LastFault}";

    public string Describe() => string.Join(" + ", Faults.Select(f => f.Describe()));

    public TimeSpan? Slowest => Back.All(b => b.After is not null) ? Back.Max(b => b.After) : null;
}
