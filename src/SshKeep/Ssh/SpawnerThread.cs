namespace SshKeep.Ssh;

/// <summary>The one thread that starts every ssh of the daemon (docs/daemon.md "Parent-death signal").</summary>
internal static class SpawnerThread
{
    /// <summary>Also its Linux comm (at most 15 bytes).</summary>
    public const string Name = "sshkeep-spawner";

    private static readonly BlockingCollection<Action> Work = [];
    private static readonly Lazy<Thread> Thread = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    public static T Run<T>(Func<T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var thread = Thread.Value;
        if (Environment.CurrentManagedThreadId == thread.ManagedThreadId) return work();

        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        Work.Add(() =>
        {
            try { done.SetResult(work()); }
            catch (Exception e) { done.SetException(e); }
        });
        // Blocking is the point: the caller (a tunnel's start) goes on only with ssh started or failed.
        return done.Task.GetAwaiter().GetResult();
    }

    private static Thread Start()
    {
        var thread = new Thread(() => { foreach (var work in Work.GetConsumingEnumerable()) work(); })
        {
            IsBackground = true, Name = Name,
        };
        thread.Start();
        return thread;
    }
}
