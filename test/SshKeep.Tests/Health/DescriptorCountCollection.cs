namespace SshKeep.Tests.Health;

/// <summary>
/// Tests that count this process's open descriptors (/proc/self/fd) run alone: a test of another
/// class running at the same time would open and close its own and blur the count.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DescriptorCountCollection
{
    public const string Name = "descriptor count";
}
