using SshKeep.Tests.Differential.Cases;
using SshKeep.Tests.Differential.Harness;
using Xunit.Abstractions;

namespace SshKeep.Tests.Differential;

public sealed class WrapperFixture() : DifferentialFixture(WrapperCases.All, portBand: 8);

/// <summary>The Debian wrapper's random monitor port (R3): autossh 1.4g and sshkeep side by side.</summary>
[Collection(DifferentialCollection.Name)]
public sealed class WrapperTests(WrapperFixture fixture, ITestOutputHelper output) : IClassFixture<WrapperFixture>
{
    public static TheoryData<string> Cases => DifferentialFixture.Names(WrapperCases.All);

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Sshkeep_behaves_like_autossh(string name) => fixture.VerifyAsync(name, output);
}
