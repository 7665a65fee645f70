namespace SshKeep.Tests.Integration.Infrastructure;

/// <summary>
/// Waits for a condition instead of sleeping for a guessed time: fast when the machine is fast, and
/// patient (generous deadlines) when CI is slow. The failure message says what was awaited.
/// </summary>
public static class Eventually
{
    /// <summary>The deadline integration tests use unless they have a reason for another.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>Polls <paramref name="condition"/> until it is true; throws <see cref="TimeoutException"/> naming <paramref name="what"/>.</summary>
    public static Task WaitUntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        WaitUntilAsync(() => Task.FromResult(condition()), what, timeout);

    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var started = TimeProvider.System.GetTimestamp();
        while (true)
        {
            if (await condition()) return;
            if (TimeProvider.System.GetElapsedTime(started) > limit)
                throw new TimeoutException($"waited {limit.TotalSeconds:0.#} s for {what}");
            await Task.Delay(PollInterval);
        }
    }

    /// <summary>Polls <paramref name="probe"/> until it returns a value; returns that value.</summary>
    public static async Task<T> WaitForAsync<T>(Func<T?> probe, string what, TimeSpan? timeout = null) where T : class
    {
        T? value = null;
        await WaitUntilAsync(() => (value = probe()) is not null, what, timeout);
        return value!;
    }
}
