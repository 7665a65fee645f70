using SshKeep.Tests.Differential.Cases;
using SshKeep.Tests.Differential.Harness;
using Xunit.Abstractions;

namespace SshKeep.Tests.Differential;

public sealed class ArgvFixture() : DifferentialFixture(ArgvCases.All, portBand: 1);

/// <summary>GNU getopt permutation and the ssh command line (R7, R14–R22, R41): autossh 1.4g and sshkeep side by side.</summary>
[Collection(DifferentialCollection.Name)]
public sealed class ArgvTests(ArgvFixture fixture, ITestOutputHelper output) : IClassFixture<ArgvFixture>
{
    public static TheoryData<string> Cases => DifferentialFixture.Names(ArgvCases.All);

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Sshkeep_behaves_like_autossh(string name) => fixture.VerifyAsync(name, output);
}
