using SshKeep.Tests.Differential.Cases;
using SshKeep.Tests.Differential.Harness;
using Xunit.Abstractions;

namespace SshKeep.Tests.Differential;

public sealed class EnvironmentFixture() : DifferentialFixture(EnvironmentCases.All, portBand: 3);

/// <summary>Every AUTOSSH_* variable with good and bad values (R29–R45, R52, R85): autossh 1.4g and sshkeep side by side.</summary>
[Collection(DifferentialCollection.Name)]
public sealed class EnvironmentTests(EnvironmentFixture fixture, ITestOutputHelper output) : IClassFixture<EnvironmentFixture>
{
    public static TheoryData<string> Cases => DifferentialFixture.Names(EnvironmentCases.All);

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Sshkeep_behaves_like_autossh(string name) => fixture.VerifyAsync(name, output);
}
