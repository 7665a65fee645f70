using SshKeep.Tests.Integration.Infrastructure;

namespace SshKeep.Tests.Integration.Systemd;

/// <summary>
/// One <see cref="ThrowawaySystemd"/> with sshkeep installed in it (<see cref="SshkeepInstall"/>)
/// and a real sshd on its 127.0.0.1 (<see cref="MachineSshd"/>), shared by the tests of
/// <see cref="ThrowawaySystemdCollection"/>. Where it cannot boot it boots nothing: the tests
/// are skipped by [SystemdFact].
/// </summary>
public sealed class SshkeepMachineFixture : IAsyncLifetime
{
    private ThrowawaySystemd? _machine;
    private MachineSshd? _sshd;

    internal ThrowawaySystemd Machine =>
        _machine ?? throw new InvalidOperationException($"no machine: {Requirements.WhyNot(Needs.Systemd | Needs.Sshd) ?? "it failed to boot"}");

    internal MachineSshd Sshd => _sshd ?? throw new InvalidOperationException("no sshd in the machine");

    /// <summary>The command that runs sshkeep inside the machine.</summary>
    public string Sshkeep { get; private set; } = "";

    public async Task InitializeAsync()
    {
        if (Requirements.WhyNot(Needs.Systemd | Needs.Sshd) is not null) return;
        _machine = await ThrowawaySystemd.BootAsync();
        try
        {
            Sshkeep = await _machine.InstallSshkeepAsync();
            _sshd = await MachineSshd.StartAsync(_machine);
        }
        catch
        {
            await _machine.DisposeAsync();
            _machine = null;
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        if (_machine is not null) await _machine.DisposeAsync();
    }
}
