namespace SshKeep.Tests.Integration.Infrastructure;

/// <summary>
/// Waits for a condition instead of sleeping for a guessed time: fast when the machine is fast, and
/// patient (generous deadlines) when CI is slow. The failure message says what was awaited. The one
/// waiting helper of the test project, for every tier.
/// </summary>
public static class Eventually
{
    /// <summary>The deadline tests use unless they have a reason for another.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan LongestPoll = TimeSpan.FromMilliseconds(50);

    /// <summary>Polls <paramref name="condition"/> until it is true; throws <see cref="TimeoutException"/> naming <paramref name="what"/>.</summary>
    public static Task WaitUntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        WaitUntilAsync(() => Task.FromResult(condition()), what, timeout);

    public static Task WaitUntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null) =>
        WaitUntilAsync(condition, () => what, timeout);

    /// <summary>As above, with the failure message built only when the wait fails, so it can show
    /// the state at that moment (a process's output, a status table).</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, Func<string> what, TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var started = TimeProvider.System.GetTimestamp();
        // Start with short polls (in-process conditions settle in microseconds), back off to 50 ms.
        var poll = TimeSpan.FromMilliseconds(1);
        while (true)
        {
            if (await condition()) return;
            if (TimeProvider.System.GetElapsedTime(started) > limit)
                throw new TimeoutException($"waited {limit.TotalSeconds:0.#} s for {what()}");
            await Task.Delay(poll);
            poll = poll * 2 > LongestPoll ? LongestPoll : poll * 2;
        }
    }

    /// <summary>Polls <paramref name="probe"/> until it returns a value; returns that value.</summary>
    public static async Task<T> WaitForAsync<T>(Func<T?> probe, string what, TimeSpan? timeout = null) where T : class
    {
        T? value = null;
        await WaitUntilAsync(() => (value = probe()) is not null, what, timeout);
        return value!;
    }

    /// <summary>Awaits <paramref name="task"/>, failing with <paramref name="what"/> if it does not finish in time.</summary>
    public static async Task<T> Within<T>(this Task<T> task, string what = "the task to finish", TimeSpan? timeout = null)
    {
        try { return await task.WaitAsync(timeout ?? DefaultTimeout); }
        catch (TimeoutException) { throw new TimeoutException($"waited {(timeout ?? DefaultTimeout).TotalSeconds:0.#} s for {what}"); }
    }

    public static async Task Within(this Task task, string what = "the task to finish", TimeSpan? timeout = null)
    {
        try { await task.WaitAsync(timeout ?? DefaultTimeout); }
        catch (TimeoutException) { throw new TimeoutException($"waited {(timeout ?? DefaultTimeout).TotalSeconds:0.#} s for {what}"); }
    }

    /// <summary>The first line of a line stream, within the deadline.</summary>
    public static async Task<string> FirstLine(IAsyncEnumerable<string> lines)
    {
        using var cts = new CancellationTokenSource(DefaultTimeout);
        await foreach (var line in lines.WithCancellation(cts.Token)) return line;
        throw new InvalidOperationException("The stream ended without a line.");
    }

    /// <summary>All lines until the stream ends, within the deadline.</summary>
    public static async Task<List<string>> AllLines(IAsyncEnumerable<string> lines)
    {
        using var cts = new CancellationTokenSource(DefaultTimeout);
        var all = new List<string>();
        await foreach (var line in lines.WithCancellation(cts.Token)) all.Add(line);
        return all;
    }
}
