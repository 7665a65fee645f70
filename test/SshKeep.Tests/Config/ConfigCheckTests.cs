using System.Runtime.CompilerServices;
using SshKeep.Config;

namespace SshKeep.Tests.Config;

/// <summary><c>sshkeep check</c>'s output and exit code, locked by golden files.</summary>
public sealed class ConfigCheckTests
{
    [Fact]
    public void A_file_with_several_mistakes_reports_every_one_as_the_golden_file_says()
    {
        var yaml = File.ReadAllText(Golden("check-errors.yaml"));

        var result = ConfigLoader.Parse(yaml, "tunnels.yaml", "/home/u");

        AssertGolden("check-errors.txt", ConfigCheck.Render(result));
        Assert.Equal(78, ConfigCheck.ExitCode(result));
    }

    /// <summary>Errors found, then: the error lines shown, and the "and N more" line (empty for none).</summary>
    public static TheoryData<int, int, string> ManyMistakes => new()
    {
        { 1, 1, "" },
        { 100, 100, "" },
        { 101, 100, "tunnels.yaml: and 1 more error (only the first 100 are shown)" },
        { 5000, 100, "tunnels.yaml: and 4900 more errors (only the first 100 are shown)" },
    };

    [Theory]
    [MemberData(nameof(ManyMistakes))]
    public void Only_the_first_hundred_errors_are_shown_and_the_rest_are_counted(int mistakes, int shown, string more)
    {
        var yaml = "tunnels:\n  db:\n    destination: u@h\n    forwards:\n" + string.Concat(Enumerable.Repeat("      - x\n", mistakes));

        var result = ConfigLoader.Parse(yaml, "tunnels.yaml", "/home/u");

        var invalid = Assert.IsType<ConfigLoadResult.Invalid>(result);
        Assert.Equal(shown, invalid.Errors.Count);
        Assert.Equal(mistakes, invalid.Count);
        var lines = ConfigCheck.Render(result).Split('\n')[..^1];
        Assert.Equal(shown + (more.Length > 0 ? 1 : 0) + 1, lines.Length);
        // The first ones in file order: one error per forward, from line 5 on.
        Assert.All(lines[..shown].Select((line, i) => (line, i)), e => Assert.StartsWith($"tunnels.yaml:{5 + e.i}:", e.line));
        if (more.Length > 0) Assert.Equal(more, lines[shown]);
        Assert.Equal(mistakes == 1 ? "tunnels.yaml: 1 error" : $"tunnels.yaml: {mistakes} errors", lines[^1]);
    }

    [Fact]
    public void The_example_file_renders_as_the_golden_file_says()
    {
        var result = ConfigLoader.Parse(File.ReadAllText(ExampleFile()), "tunnels.yaml", "/home/u");

        AssertGolden("check-example.txt", ConfigCheck.Render(result));
        Assert.Equal(0, ConfigCheck.ExitCode(result));
    }

    [Fact]
    public void The_example_file_in_docs_loads_from_disk()
    {
        var result = ConfigLoader.Load(ExampleFile(), "/home/u");

        var config = Assert.IsType<ConfigLoadResult.Valid>(result).Config;
        Assert.Equal(Path.GetFullPath(ExampleFile()), config.Path);
        var kinds = config.Tunnels.Where(t => t.Enabled).SelectMany(t => t.Forwards).Select(f => f.Kind).ToList();
        Assert.True(kinds.Count(k => k == ForwardKind.Local) >= 2, "two -L");
        Assert.Contains(ForwardKind.Remote, kinds);
        Assert.Contains(ForwardKind.Dynamic, kinds);
    }

    [Fact]
    public void A_valid_file_prints_one_line_per_tunnel_then_a_summary()
    {
        var result = ConfigLoader.Parse("""
            tunnels:
              db:
                destination: deploy@bastion
                port: 2222
                forwards:
                  - local: "127.0.0.1:15432:db.internal:5432"
                  - remote: "8080:localhost:80"
              socks:
                destination: me@home
                enabled: false
                forwards: [ { dynamic: "[::1]:1080" } ]
            """, "tunnels.yaml", "/home/u");

        Assert.Equal(
            "db: deploy@bastion -p 2222 -L 127.0.0.1:15432:db.internal:5432 -R 8080:localhost:80\n" +
            "socks: me@home -D [::1]:1080 (disabled)\n" +
            "tunnels.yaml: 2 tunnels OK (1 disabled)\n",
            ConfigCheck.Render(result));
    }

    [Fact]
    public void A_tunnel_with_several_servers_names_them_in_order()
    {
        var result = ConfigLoader.Parse(ConfigYaml.Tunnel("destination: [deploy@db1.example, db2.example]"), "t.yaml", "/home/u");

        var tunnel = Assert.Single(Assert.IsType<ConfigLoadResult.Valid>(result).Config.Tunnels);
        Assert.Equal(["deploy@db1.example", "db2.example"], tunnel.Destinations);
        Assert.StartsWith("db: deploy@db1.example, then db2.example -L ", ConfigCheck.Render(result), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("no", true)]
    [InlineData("accept-new", false)]
    public void A_tunnel_without_host_key_checking_gets_a_warning_line(string value, bool warned)
    {
        var result = ConfigLoader.Parse(ConfigYaml.Tunnel($"ssh_options: {{ StrictHostKeyChecking: {value} }}"), "t.yaml", "/home/u");

        var text = ConfigCheck.Render(result);

        Assert.Equal(warned, text.Contains(
            "db: warning: StrictHostKeyChecking is off, so ssh accepts any host key and anyone on the path can pose as the server\n",
            StringComparison.Ordinal));
        Assert.EndsWith("t.yaml: 1 tunnel OK\n", text, StringComparison.Ordinal);
        Assert.Equal(0, ConfigCheck.ExitCode(result));
    }

    [Fact]
    public void One_error_is_counted_in_the_singular()
    {
        var result = ConfigLoader.Parse(ConfigYaml.Tunnel("port: 0"), "t.yaml", "/home/u");

        Assert.Equal(
            "t.yaml:6:11: tunnels.db.port: \"0\" is not a whole number from 1 to 65535\nt.yaml: 1 error\n",
            ConfigCheck.Render(result));
    }

    [Fact]
    public void An_unreadable_file_is_one_line_without_position_and_exit_78()
    {
        var result = ConfigLoader.Load("/nonexistent-sshkeep/tunnels.yaml", "/home/u");

        Assert.Equal(
            "/nonexistent-sshkeep/tunnels.yaml: cannot read: no such file; create it (docs/examples/tunnels.yaml is a start) or name another with -c FILE\n" +
            "/nonexistent-sshkeep/tunnels.yaml: 1 error\n",
            ConfigCheck.Render(result));
        Assert.Equal(ExitCodes.Config, ConfigCheck.ExitCode(result));
    }

    /// <summary>Compares with a golden file; <c>SSHKEEP_UPDATE_GOLDEN=1</c> rewrites it instead
    /// (then review the diff: the golden files are the spec of what users see).</summary>
    private static void AssertGolden(string name, string actual)
    {
        if (Environment.GetEnvironmentVariable("SSHKEEP_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(Golden(name), actual);
        }

        Assert.Equal(File.ReadAllText(Golden(name)), actual);
    }

    private static string Golden(string name, [CallerFilePath] string thisFile = "") =>
        Path.Combine(Path.GetDirectoryName(thisFile)!, "Golden", name);

    /// <summary>docs/examples/tunnels.yaml, found from this source file (test/SshKeep.Tests/Config/).</summary>
    private static string ExampleFile([CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "..", "..", "docs", "examples", "tunnels.yaml"));
}
