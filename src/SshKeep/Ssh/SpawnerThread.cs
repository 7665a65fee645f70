namespace SshKeep.Ssh;

/// <summary>The one thread, started at first use and never ended, on which the daemon starts every ssh:
/// PR_SET_PDEATHSIG fires when the thread that created the child exits, and a retired thread-pool thread
/// would signal a healthy ssh (docs/daemon.md "Parent-death signal").</summary>
internal static class SpawnerThread
{
    /// <summary>Also its Linux comm (at most 15 bytes).</summary>
    public const string Name = "sshkeep-spawner";

    private static readonly BlockingCollection<Action> Work = [];
    private static readonly Lazy<Thread> Thread = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Runs <paramref name="work"/> on the spawner thread and waits for its result (or rethrows its exception).</summary>
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
        var thread = new Thread(Loop) { IsBackground = true, Name = Name };
        thread.Start();
        return thread;
    }

    private static void Loop()
    {
        foreach (var work in Work.GetConsumingEnumerable()) work();
    }
}
