namespace SshKeep.Observability.Metrics;

/// <summary>What <see cref="RestartCounting.Between"/> adds: <paramref name="Count"/> restarts for
/// <paramref name="Reason"/> (one of <see cref="SshKeep.Supervision.RestartReasons"/>), or none.</summary>
public sealed record RestartIncrement(int Count, string? Reason)
{
    public static readonly RestartIncrement None = new(0, null);
}
