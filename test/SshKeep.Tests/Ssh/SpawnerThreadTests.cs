using SshKeep.Ssh;

namespace SshKeep.Tests.Ssh;

public sealed class SpawnerThreadTests
{
    [Fact]
    public async Task Work_from_many_thread_pool_threads_runs_on_one_named_thread_that_is_none_of_theirs()
    {
        var runs = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(() =>
        {
            int caller = Environment.CurrentManagedThreadId;
            var (spawner, name) = SpawnerThread.Run(() => (Environment.CurrentManagedThreadId, Thread.CurrentThread.Name));
            return (Caller: caller, Spawner: spawner, Name: name);
        })));

        Assert.Single(runs.Select(r => r.Spawner).Distinct());
        Assert.All(runs, r => Assert.NotEqual(r.Caller, r.Spawner));
        Assert.All(runs, r => Assert.Equal(SpawnerThread.Name, r.Name));
        Assert.Contains(Directory.GetDirectories($"/proc/{Environment.ProcessId}/task"),
            task => File.ReadAllText(Path.Join(task, "comm")).Trim() == SpawnerThread.Name);
    }

    [Fact]
    public void An_exception_of_the_work_reaches_the_caller_and_the_thread_lives_on()
    {
        var error = Assert.Throws<InvalidOperationException>(() => SpawnerThread.Run<int>(() => throw new InvalidOperationException("boom")));

        Assert.Equal("boom", error.Message);
        Assert.Equal(7, SpawnerThread.Run(() => 7));
    }
}
