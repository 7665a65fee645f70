using System.Diagnostics;

namespace SshKeep.Tests.Health;

/// <summary>Waits on conditions with generous deadlines instead of fixed sleeps.</summary>
public static class Eventually
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    /// <summary>Polls <paramref name="condition"/> until true; fails the test after the deadline.</summary>
    public static async Task Until(Func<bool> condition, string what, TimeSpan? deadline = null)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.Elapsed > (deadline ?? Deadline)) throw new TimeoutException($"Timed out waiting for: {what}");
            await Task.Delay(5);
        }
    }

    /// <summary>Awaits <paramref name="task"/>, failing the test if it does not finish before the deadline.</summary>
    public static async Task<T> Within<T>(Task<T> task, string what, TimeSpan? deadline = null)
    {
        try
        {
            return await task.WaitAsync(deadline ?? Deadline);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Timed out waiting for: {what}");
        }
    }
}
