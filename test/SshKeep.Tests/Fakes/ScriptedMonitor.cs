using SshKeep.Health;

namespace SshKeep.Tests.Fakes;

/// <summary>A connection test whose results the test scripts; hangs until cancelled when told to.</summary>
public sealed class ScriptedMonitor : IConnectionMonitor
{
    private readonly Queue<bool?> _results = new();

    public int Tests { get; private set; }

    /// <summary>Queue results: true passes, false fails, null hangs until the test is cancelled.</summary>
    public void Enqueue(params bool?[] results)
    {
        foreach (var r in results) _results.Enqueue(r);
    }

    public async Task<bool> TestAsync(CancellationToken cancellationToken)
    {
        Tests++;
        var next = _results.Count > 0 ? _results.Dequeue() : true;
        if (next is { } result) return result;
        try { await Task.Delay(Timeout.Infinite, cancellationToken); }
        catch (OperationCanceledException) { }
        return false;
    }

    public void Dispose() { }
}
