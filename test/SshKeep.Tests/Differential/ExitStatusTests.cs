using SshKeep.Tests.Differential.Cases;
using SshKeep.Tests.Differential.Harness;
using Xunit.Abstractions;

namespace SshKeep.Tests.Differential;

public sealed class ExitStatusFixture() : DifferentialFixture(ExitStatusCases.All, portBand: 4);

/// <summary>How ssh's end is read, the whole R61 matrix: autossh 1.4g and sshkeep side by side.</summary>
[Collection(DifferentialCollection.Name)]
public sealed class ExitStatusTests(ExitStatusFixture fixture, ITestOutputHelper output) : IClassFixture<ExitStatusFixture>
{
    public static TheoryData<string> Cases => DifferentialFixture.Names(ExitStatusCases.All);

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Sshkeep_behaves_like_autossh(string name) => fixture.VerifyAsync(name, output);
}
