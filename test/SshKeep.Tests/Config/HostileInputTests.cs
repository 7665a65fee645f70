using SshKeep.Config;
using static SshKeep.Tests.Config.ConfigYaml;

namespace SshKeep.Tests.Config;

/// <summary>A tunnels file may come from anywhere (a deploy tool, a pasted snippet): the loader
/// answers with errors, never with an exception, a hang or unbounded memory.</summary>
public sealed class HostileInputTests
{
    [Theory]
    [InlineData("tunnels: [1, 2", "2:1", "not valid YAML: While parsing a flow sequence, did not find expected ',' or ']'.")]
    [InlineData("tunnels:\n  db: x: y", "2:8", "not valid YAML:")]
    [InlineData("tunnels:\n\tdb: {}", "1:1", "not valid YAML: While scanning a mapping,")]
    [InlineData("a: 'unterminated", "1:4", "not valid YAML: While scanning a quoted scalar, found unexpected end of stream.")]
    [InlineData(": {\nw", "1:3", "not valid YAML after this point; check brackets, quotes and indentation (spaces, not tabs)")]
    [InlineData("tunnels: {}\n---\nb: 1", "2:1", "a second YAML document (after `---`); a tunnels file is one document")]
    public void Malformed_yaml_is_one_error_with_the_parser_position(string yaml, string at, string message)
    {
        var error = SingleError(yaml);

        Assert.Equal(at, $"{error.Line}:{error.Column}");
        Assert.Equal("", error.Key);
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tab_in_the_indentation_is_named_as_the_likely_cause()
    {
        var error = SingleError("tunnels:\n\tdb: {}");

        Assert.EndsWith(" (YAML indents with spaces, not tabs)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Aliases_are_refused_so_nothing_is_ever_expanded()
    {
        var errors = Errors("""
            defaults: &d
              port: 22
            tunnels:
              db:
                destination: &h deploy@bastion
                forwards: [ { local: "1:h:1" } ]
              web:
                destination: *h
                forwards: [ { local: "2:h:1" } ]
                <<: *d
            """);

        Assert.Equal(
            new[]
            {
                "t.yaml:8:18: tunnels.web.destination: YAML aliases (`*h`) are not accepted; write the value out, or put shared settings under `defaults`",
                "t.yaml:10:9: tunnels.web.<<: YAML aliases (`*d`) are not accepted; write the value out, or put shared settings under `defaults`",
                "t.yaml:10:5: tunnels.web.<<: unknown key `<<`; accepted keys: destination, port, identity_file, ssh_path, ssh_options, forwards, health, backoff, hooks, enabled, standby",
            }.Order(StringComparer.Ordinal),
            errors.Select(e => e.ToString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_billion_laughs_file_is_refused_at_once()
    {
        var lines = new List<string> { "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]" };
        for (var i = 1; i < 10; i++)
        {
            var refs = string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 9));
            lines.Add($"a{i}: &a{i} [{refs}]");
        }

        var errors = Errors(string.Join('\n', lines) + "\n");

        Assert.All(errors.Where(e => e.Line > 1 && e.Key.Length > 0 && !e.Message.StartsWith("unknown", StringComparison.Ordinal)),
            e => Assert.Contains("YAML aliases", e.Message, StringComparison.Ordinal));
        Assert.True(errors.Count < 200);
    }

    [Fact]
    public void Tags_are_refused()
    {
        var error = SingleError(Tunnel("port: !!str 22"));

        Assert.Equal("t.yaml:6:11: tunnels.db.port: YAML tags (`tag:yaml.org,2002:str`) are not accepted; write the plain value", error.ToString());
    }

    [Theory]
    [InlineData(17)]
    [InlineData(100_000)]
    public void Deep_nesting_stops_reading_with_one_error(int depth)
    {
        var yaml = "tunnels: " + new string('[', depth) + new string(']', depth) + "\n";

        var error = SingleError(yaml);

        Assert.Equal($"nested deeper than {ConfigLoader.MaxDepth} levels; a tunnels file never needs that, so reading stopped here", error.Message);
    }

    [Fact]
    public void Nesting_up_to_the_limit_is_read_and_judged_by_the_schema()
    {
        var yaml = "tunnels: " + new string('[', ConfigLoader.MaxDepth - 1) + new string(']', ConfigLoader.MaxDepth - 1) + "\n";

        var error = SingleError(yaml);

        Assert.Equal("expected a map from each tunnel's name to its settings, found a list", error.Message);
    }

    [Fact]
    public void A_text_over_one_mebibyte_is_refused_without_parsing()
    {
        var yaml = Tunnel("") + "# " + new string('x', ConfigLoader.MaxFileBytes) + "\n";

        var error = SingleError(yaml);

        Assert.Equal(0, error.Line);
        Assert.StartsWith("the file is larger than 1024 KiB (", error.Message, StringComparison.Ordinal);
        Assert.Equal("t.yaml: " + error.Message, error.ToString());
    }

    [Fact]
    public void More_tunnels_than_the_limit_is_one_error_so_defaults_are_not_copied_without_bound()
    {
        var lines = new List<string> { "tunnels:" };
        for (var i = 0; i <= ConfigLoader.MaxTunnels; i++)
        {
            lines.Add($"  t{i}: {{ destination: h, forwards: [ {{ local: \"{10000 + i}:h:1\" }} ] }}");
        }

        var error = SingleError(string.Join('\n', lines));

        Assert.Equal("t.yaml:1:1: tunnels: 1001 tunnels; one file holds at most 1000 (run another sshkeep with a second file)", error.ToString());
    }

    [Fact]
    public void More_ssh_options_than_the_limit_is_one_error()
    {
        var options = string.Join(", ", Enumerable.Range(0, ConfigLoader.MaxSshOptions + 1).Select(i => $"Opt{i}: x"));

        var error = SingleError(Tunnel($"ssh_options: {{ {options} }}"));

        Assert.Equal("t.yaml:6:5: tunnels.db.ssh_options: 201 options; a section holds at most 200", error.ToString());
    }

    [Fact]
    public void Thousands_of_forwards_on_one_port_are_checked_quickly()
    {
        // Clash detection is indexed: 20 000 forwards with distinct bind names on one port would
        // take minutes if every forward were compared with every other.
        var forwards = string.Join('\n', Enumerable.Range(0, 20_000).Select(i => $"  - local: \"h{i}:8080:h:1\""));
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var tunnel = OneTunnel("forwards:\n" + forwards);

        Assert.Equal(20_000, tunnel.Forwards.Count);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), watch.Elapsed.ToString());
    }

    [Fact]
    public void Control_characters_in_values_are_quoted_so_each_error_stays_on_one_line()
    {
        var error = SingleError(Tunnel("port: \"2\\u00002\\e\\r\""));

        Assert.Equal("t.yaml:6:11: tunnels.db.port: \"2\\u00002\\u001b\\r\" is not a whole number from 1 to 65535", error.ToString());
    }

    [Fact]
    public void A_huge_value_is_cut_short_in_the_message()
    {
        var error = SingleError(Tunnel("port: " + new string('9', 5000)));

        Assert.True(error.Message.Length < 200, error.Message);
        Assert.Contains("…\" is not a whole number", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_huge_unknown_key_does_not_make_the_suggestion_slow_or_long()
    {
        // YamlDotNet refuses longer keys itself (a syntax error).
        var error = SingleError(Tunnel(new string('d', 1000) + ": 1"));

        Assert.StartsWith("unknown key `ddd", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Keys_that_are_not_text_are_refused()
    {
        var error = SingleError("? [a, b]\n: 1\n" + Tunnel(""));

        Assert.Equal("t.yaml:1:3: a key must be plain text, found a list", error.ToString());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Random_edits_of_a_valid_file_never_throw(int seed)
    {
        // Every outcome must be a result, never an exception (this found a YamlDotNet scanner bug).
        var random = new Random(seed);
        var valid = Tunnel("port: 22\nhealth: { probe_interval: 5 }\nssh_options: { ProxyJump: gw }\nforwards:\n  - { type: local, port: 1, to: \"[::1]:2\" }");
        const string Alphabet = ":-[]{}&*!|>'\"#%@`,?~\n\t\\ 0aZ";
        for (var i = 0; i < 2000; i++)
        {
            var chars = valid.ToCharArray();
            var edits = random.Next(1, 6);
            for (var e = 0; e < edits; e++)
            {
                chars[random.Next(chars.Length)] = Alphabet[random.Next(Alphabet.Length)];
            }

            var result = ConfigLoader.Parse(new string(chars), FileName, Home);

            if (result is ConfigLoadResult.Invalid invalid)
            {
                Assert.NotEmpty(invalid.Errors);
                Assert.All(invalid.Errors, err => Assert.DoesNotContain('\n', err.ToString()));
            }
        }
    }
}
