namespace SshKeep.Metrics;

/// <summary>What <see cref="RestartCounting.Of"/> adds: <paramref name="Count"/> restarts for
/// <paramref name="Reason"/> (one of <see cref="SshKeep.Supervision.RestartReasons"/>, null when
/// there are none), and <paramref name="Attempts"/> ssh starts.</summary>
internal sealed record RestartIncrement(int Count, string? Reason, int Attempts = 0)
{
    public static readonly RestartIncrement None = new(0, null);
}
