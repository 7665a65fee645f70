using SshKeep.Config;

namespace SshKeep.Tests.Config;

/// <summary>Builds small tunnels files and parses them the way the tests need.</summary>
internal static class ConfigYaml
{
    public const string FileName = "t.yaml";
    public const string Home = "/home/u";

    /// <summary>
    /// A file with one tunnel <c>db</c>: <paramref name="body"/>'s lines are indented into the
    /// tunnel, after a destination and a forward unless the body sets them. Lines 1–2 are
    /// <c>tunnels:</c> and <c>db:</c>, so the body starts on line 3, or on line 6 when both
    /// defaults are added (<see cref="BodyLine"/>).
    /// </summary>
    public static string Tunnel(string body)
    {
        var lines = new List<string> { "tunnels:", "  db:" };
        if (!body.Contains("destination:", StringComparison.Ordinal))
        {
            lines.Add("    destination: deploy@bastion");
        }

        if (!body.Contains("forwards:", StringComparison.Ordinal))
        {
            lines.Add("    forwards:");
            lines.Add("      - local: \"8080:localhost:80\"");
        }

        lines.AddRange(body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => "    " + l));
        return string.Join('\n', lines) + "\n";
    }

    /// <summary>The first body line of <see cref="Tunnel"/> when the body sets neither destination nor forwards.</summary>
    public const int BodyLine = 6;

    public static ConfigLoadResult Parse(string yaml, string? home = Home) => ConfigLoader.Parse(yaml, FileName, home);

    public static SshKeepConfig Valid(string yaml, string? home = Home)
    {
        var result = Parse(yaml, home);
        if (result is ConfigLoadResult.Invalid invalid)
        {
            Assert.Fail("expected a valid file, got:\n" + string.Join('\n', invalid.Errors));
        }

        return ((ConfigLoadResult.Valid)result).Config;
    }

    public static TunnelConfig OneTunnel(string body) => Assert.Single(Valid(Tunnel(body)).Tunnels);

    public static IReadOnlyList<ConfigError> Errors(string yaml, string? home = Home) =>
        Assert.IsType<ConfigLoadResult.Invalid>(Parse(yaml, home)).Errors;

    /// <summary>The one error of the file, as <c>line:col: key: message</c> without the file name.</summary>
    public static ConfigError SingleError(string yaml, string? home = Home)
    {
        var errors = Errors(yaml, home);
        Assert.True(errors.Count == 1, "expected one error, got:\n" + string.Join('\n', errors));
        return errors[0];
    }
}
