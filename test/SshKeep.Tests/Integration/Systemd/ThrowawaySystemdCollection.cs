namespace SshKeep.Tests.Integration.Systemd;

/// <summary>
/// The classes that boot a <see cref="ThrowawaySystemd"/> run one after another: each machine is
/// isolated (namespaces, its own cgroup), but two booting at once on CI's two cores would only
/// slow each other down, and the tier's start-up bounds are measured one machine at a time.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ThrowawaySystemdCollection
{
    public const string Name = "throwaway systemd";
}
