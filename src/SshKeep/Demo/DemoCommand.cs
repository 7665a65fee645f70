namespace SshKeep.Demo;

/// <summary>Placeholder until the demo lands.</summary>
public sealed class DemoCommand
{
    public Task<int> RunAsync(TextWriter output, CancellationToken cancellationToken) => Task.FromResult(1);
}
