namespace SshKeep.Compat;

/// <summary>autossh's grace_time() (docs/autossh-rules.md R63).</summary>
internal static class AutosshBackoff
{
    public const int FastTries = 5;

    /// <param name="LastStartSeconds">time() of the previous start; 0 before the first (R63.2).</param>
    public readonly record struct State(int Tries, long LastStartSeconds);

    public readonly record struct Decision(int Tries, int SleepSeconds);

    /// <summary>R63.1.</summary>
    public static int MinimumUptimeSeconds(int pollSeconds) => Math.Max(10, pollSeconds / 10);

    public static Decision Next(State state, long nowSeconds, int pollSeconds)
    {
        var tries = nowSeconds - state.LastStartSeconds >= MinimumUptimeSeconds(pollSeconds) ? 0 : state.Tries + 1;
        return new Decision(tries, SleepFor(tries, pollSeconds));
    }

    /// <summary>R63.4.</summary>
    public static int SleepFor(int tries, int pollSeconds)
    {
        if (tries <= FastTries) return 0;
        double t = tries - FastTries;
        var n = pollSeconds / 100.0 * (t * (t / 3));
        // Compare as double first: after many tries the product no longer fits an int.
        return n >= pollSeconds ? pollSeconds : Math.Max(0, (int)n);
    }
}
