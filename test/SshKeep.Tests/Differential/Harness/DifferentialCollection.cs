namespace SshKeep.Tests.Differential.Harness;

/// <summary>
/// The differential classes run one after another (each runs its cases several at a time): every
/// case starts two keepers, and on 2 cores nine classes at once would starve the very start-up
/// and restart timings the cases compare. The rest of the suite still runs beside them.
/// </summary>
[CollectionDefinition(Name)]
public sealed class DifferentialCollection
{
    public const string Name = "Differential (one class at a time)";
}
