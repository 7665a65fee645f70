using SshKeep.Demo;

namespace SshKeep.Tests.Integration.Infrastructure;

/// <summary>
/// One <see cref="ThrowawaySshd"/> shared by the tests of a class (IClassFixture&lt;SshdFixture&gt;).
/// Tests that stop, restart or freeze the server should make their own with
/// <see cref="ThrowawaySshd.CreateAsync"/> instead, so they cannot disturb their neighbours.
/// On a machine without sshd it starts nothing: the tests themselves are skipped by [SshdFact].
/// </summary>
public sealed class SshdFixture : IAsyncLifetime
{
    private ThrowawaySshd? _sshd;

    internal ThrowawaySshd Sshd =>
        _sshd ?? throw new InvalidOperationException($"no sshd: {Requirements.WhyNot(Needs.Sshd) ?? "it failed to start"}");

    public async Task InitializeAsync()
    {
        if (Requirements.WhyNot(Needs.Sshd) is not null) return;
        _sshd = await ThrowawaySshd.CreateAsync();
    }

    public async Task DisposeAsync()
    {
        if (_sshd is not null) await _sshd.DisposeAsync();
    }
}
