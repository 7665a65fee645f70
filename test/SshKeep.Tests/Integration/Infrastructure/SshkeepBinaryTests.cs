namespace SshKeep.Tests.Integration.Infrastructure;

public sealed class SshkeepBinaryTests
{
    [Fact]
    public async Task The_sshkeep_apphost_next_to_the_tests_runs_directly_and_through_an_autossh_link()
    {
        var folder = Directory.CreateTempSubdirectory("sshkeep-link-").FullName;
        try
        {
            var link = SshkeepBinary.CreateAutosshLink(folder);

            var direct = await Run.ProgramAsync(SshkeepBinary.Path, ["-V"]);
            var linked = await Run.ProgramAsync(link, ["-V"]);

            // The .NET host, not sshkeep, prints this when it cannot find sshkeep.dll beside the real file.
            Assert.DoesNotContain("application to execute does not exist", direct.StandardError + linked.StandardError);
            Assert.False(direct.TimedOut || linked.TimedOut);
            Assert.Equal("autossh", Path.GetFileName(link));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
