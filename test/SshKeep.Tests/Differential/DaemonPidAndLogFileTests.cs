using SshKeep.Tests.Differential.Cases;
using SshKeep.Tests.Differential.Harness;
using Xunit.Abstractions;

namespace SshKeep.Tests.Differential;

public sealed class DaemonFixture() : DifferentialFixture(DaemonCases.All, portBand: 7);

/// <summary>-f, the pid file and the log file (R2, R80–R84): autossh 1.4g and sshkeep side by side.</summary>
[Collection(DifferentialCollection.Name)]
public sealed class DaemonPidAndLogFileTests(DaemonFixture fixture, ITestOutputHelper output) : IClassFixture<DaemonFixture>
{
    public static TheoryData<string> Cases => DifferentialFixture.Names(DaemonCases.All);

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Sshkeep_behaves_like_autossh(string name) => fixture.VerifyAsync(name, output);
}
