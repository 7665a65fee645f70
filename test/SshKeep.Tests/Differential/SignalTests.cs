using SshKeep.Tests.Differential.Cases;
using SshKeep.Tests.Differential.Harness;
using Xunit.Abstractions;

namespace SshKeep.Tests.Differential;

public sealed class SignalFixture() : DifferentialFixture(SignalCases.All, portBand: 6);

/// <summary>Signals to the keeper and to ssh (R62, R65, R68, R71, R74): autossh 1.4g and sshkeep side by side.</summary>
[Collection(DifferentialCollection.Name)]
public sealed class SignalTests(SignalFixture fixture, ITestOutputHelper output) : IClassFixture<SignalFixture>
{
    public static TheoryData<string> Cases => DifferentialFixture.Names(SignalCases.All);

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Sshkeep_behaves_like_autossh(string name) => fixture.VerifyAsync(name, output);
}
