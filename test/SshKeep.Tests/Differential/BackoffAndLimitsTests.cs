using SshKeep.Tests.Differential.Cases;
using SshKeep.Tests.Differential.Harness;
using Xunit.Abstractions;

namespace SshKeep.Tests.Differential;

public sealed class BackoffFixture() : DifferentialFixture(BackoffCases.All, portBand: 5);

/// <summary>Back-off schedule, MAXSTART and MAXLIFETIME (R63–R67): autossh 1.4g and sshkeep side by side.</summary>
[Collection(DifferentialCollection.Name)]
public sealed class BackoffAndLimitsTests(BackoffFixture fixture, ITestOutputHelper output) : IClassFixture<BackoffFixture>
{
    public static TheoryData<string> Cases => DifferentialFixture.Names(BackoffCases.All);

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Sshkeep_behaves_like_autossh(string name) => fixture.VerifyAsync(name, output);
}
