using SshKeep.Tests.Differential.Cases;
using SshKeep.Tests.Differential.Harness;
using Xunit.Abstractions;

namespace SshKeep.Tests.Differential;

public sealed class MonitorSpecFixture() : DifferentialFixture(MonitorSpecCases.All, portBand: 2);

/// <summary>-M and AUTOSSH_PORT: forms, precedence, errors and ranges (R8–R13, R46, R47): autossh 1.4g and sshkeep side by side.</summary>
[Collection(DifferentialCollection.Name)]
public sealed class MonitorSpecTests(MonitorSpecFixture fixture, ITestOutputHelper output) : IClassFixture<MonitorSpecFixture>
{
    public static TheoryData<string> Cases => DifferentialFixture.Names(MonitorSpecCases.All);

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Sshkeep_behaves_like_autossh(string name) => fixture.VerifyAsync(name, output);
}
