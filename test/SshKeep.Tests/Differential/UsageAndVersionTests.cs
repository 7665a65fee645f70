using SshKeep.Tests.Differential.Cases;
using SshKeep.Tests.Differential.Harness;
using Xunit.Abstractions;

namespace SshKeep.Tests.Differential;

public sealed class UsageFixture() : DifferentialFixture(UsageCases.All, portBand: 0);

/// <summary>Usage, -V and the program name: autossh 1.4g and sshkeep side by side (R2, R4–R6, R70).</summary>
[Collection(DifferentialCollection.Name)]
public sealed class UsageAndVersionTests(UsageFixture fixture, ITestOutputHelper output) : IClassFixture<UsageFixture>
{
    public static TheoryData<string> Cases => DifferentialFixture.Names(UsageCases.All);

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Sshkeep_behaves_like_autossh(string name) => fixture.VerifyAsync(name, output);
}
