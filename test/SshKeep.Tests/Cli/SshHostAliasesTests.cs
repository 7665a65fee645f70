using SshKeep.Cli;

namespace SshKeep.Tests.Cli;

public sealed class SshHostAliasesTests
{
    [Theory]
    [InlineData("Host stats", new[] { "stats" })]
    [InlineData("  host db prod\t", new[] { "db", "prod" })]
    [InlineData("Host=stop", new[] { "stop" })]
    [InlineData("HOST \"quoted\"", new[] { "quoted" })]
    [InlineData("Host *.example.com !status db?", new string[0])]
    [InlineData("HostName status.example.com", new string[0])]
    [InlineData("# Host status", new string[0])]
    [InlineData("Match host status", new string[0])]
    public void Literal_aliases_of_host_lines_are_read(string line, string[] expected) =>
        Assert.Equal(expected, CommandWordCheck.ParseSshConfigHosts(line));

    [Theory]
    [InlineData("127.0.0.1 localhost", new[] { "localhost" })]
    [InlineData("10.0.0.5\tdocker docker.lan # the build box", new[] { "docker", "docker.lan" })]
    [InlineData("# 10.0.0.6 doctor", new string[0])]
    public void Names_of_etc_hosts_lines_are_read(string line, string[] expected) =>
        Assert.Equal(expected, CommandWordCheck.ParseHosts(line));

    [Fact]
    public void The_users_ssh_config_is_read_from_home()
    {
        var home = Directory.CreateTempSubdirectory("sshkeep-home-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(home, ".ssh"));
            File.WriteAllText(Path.Combine(home, ".ssh", "config"), "Host stats\n  HostName 192.0.2.7\n");
            Assert.True(CommandWordCheck.IsHostAlias("stats", home));
            Assert.True(CommandWordCheck.IsHostAlias("STATS", home));
            Assert.False(CommandWordCheck.IsHostAlias("stauts", home));
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }
}
