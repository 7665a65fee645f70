namespace SshKeep.Compat;

/// <summary>
/// autossh's grace_time() (spec R63): before every start, count how many starts in a row came
/// less than min_time after the previous one; after 5 such "fast" tries, sleep
/// poll/100 · t · t/3 seconds (t = tries − 5), capped at poll. Pure: state in, state out.
/// </summary>
internal static class AutosshBackoff
{
    /// <summary>Tries allowed back to back before the quadratic sleeps start.</summary>
    public const int FastTries = 5;

    /// <summary>The state carried between starts.</summary>
    /// <param name="Tries">Consecutive short-lived runs (R63.3).</param>
    /// <param name="LastStartSeconds">time() of the previous start; 0 before the first (the epoch, R63.2).</param>
    public readonly record struct State(int Tries, long LastStartSeconds)
    {
        public static State Initial => new(0, 0);
    }

    /// <summary>The decision before one start: the new tries count and how long to sleep.</summary>
    public readonly record struct Decision(int Tries, int SleepSeconds);

    /// <summary>min_time = max(10, poll / 10) with integer division (R63.1).</summary>
    public static int MinimumUptimeSeconds(int pollSeconds) => Math.Max(10, pollSeconds / 10);

    public static Decision Next(State state, long nowSeconds, int pollSeconds)
    {
        var tries = nowSeconds - state.LastStartSeconds >= MinimumUptimeSeconds(pollSeconds) ? 0 : state.Tries + 1;
        return new Decision(tries, SleepFor(tries, pollSeconds));
    }

    /// <summary>The sleep for a given tries count, in C double arithmetic truncated to int (R63.4).</summary>
    public static int SleepFor(int tries, int pollSeconds)
    {
        if (tries <= FastTries) return 0;
        double t = tries - FastTries;
        var n = pollSeconds / 100.0 * (t * (t / 3));
        // Compare as double first: after many tries the product no longer fits an int.
        return n >= pollSeconds ? pollSeconds : Math.Max(0, (int)n);
    }
}
