namespace SshKeep.Tests.Ssh;

/// <summary>
/// Waiting on real processes: conditions are re-checked until a generous deadline, never a fixed
/// sleep that hopes the process got there.
/// </summary>
internal static class Eventually
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    public static async Task True(Func<bool> condition, string what, TimeSpan? deadline = null)
    {
        var until = DateTime.UtcNow + (deadline ?? Deadline);
        while (!condition())
        {
            if (DateTime.UtcNow > until) throw new TimeoutException($"Timed out waiting until {what}.");
            await Task.Delay(10);
        }
    }

    public static Task<T> Within<T>(this Task<T> task) => task.WaitAsync(Deadline);

    public static Task Within(this Task task) => task.WaitAsync(Deadline);

    /// <summary>The first line of a line stream, within the deadline.</summary>
    public static async Task<string> FirstLine(IAsyncEnumerable<string> lines)
    {
        using var cts = new CancellationTokenSource(Deadline);
        await foreach (string line in lines.WithCancellation(cts.Token)) return line;
        throw new InvalidOperationException("The stream ended without a line.");
    }

    /// <summary>All lines until the stream ends, within the deadline.</summary>
    public static async Task<List<string>> AllLines(IAsyncEnumerable<string> lines)
    {
        using var cts = new CancellationTokenSource(Deadline);
        var all = new List<string>();
        await foreach (string line in lines.WithCancellation(cts.Token)) all.Add(line);
        return all;
    }
}
