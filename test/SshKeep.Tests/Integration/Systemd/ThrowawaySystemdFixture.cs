using SshKeep.Tests.Integration.Infrastructure;

namespace SshKeep.Tests.Integration.Systemd;

/// <summary>
/// One <see cref="ThrowawaySystemd"/> shared by the tests of a class (IClassFixture), for classes
/// whose tests leave the machine as they found it. Where it cannot boot, it boots nothing: the
/// tests themselves are skipped by [SystemdFact].
/// </summary>
public sealed class ThrowawaySystemdFixture : IAsyncLifetime
{
    private ThrowawaySystemd? _machine;

    public ThrowawaySystemd Machine =>
        _machine ?? throw new InvalidOperationException($"no machine: {Requirements.WhyNot(Needs.Systemd | Needs.Sshd) ?? "it failed to boot"}");

    public async Task InitializeAsync()
    {
        if (Requirements.WhyNot(Needs.Systemd | Needs.Sshd) is not null) return;
        _machine = await ThrowawaySystemd.BootAsync();
    }

    public async Task DisposeAsync()
    {
        if (_machine is not null) await _machine.DisposeAsync();
    }
}
