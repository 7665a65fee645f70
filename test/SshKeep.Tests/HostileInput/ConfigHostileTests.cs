using System.Runtime.CompilerServices;
using System.Text;
using SshKeep.Config;

namespace SshKeep.Tests.HostileInput;

/// <summary>
/// docs/examples/tunnels.yaml, mutated at random (truncated, lines duplicated so keys repeat,
/// values of the wrong type, deep nesting, huge scalars, binary junk, YAML punctuation), through
/// <see cref="ConfigLoader.Parse"/>: every file is either valid or a list of errors, each one
/// printable line, and never an exception.
/// </summary>
public sealed class ConfigHostileTests
{
    private static readonly string Example = File.ReadAllText(ExamplePath());

    /// <summary>Values of every shape a key might wrongly get.</summary>
    private static readonly string[] WrongValues =
    [
        "[a, b]", "{x: 1}", "~", "null", "true", "yes", "-1", "0", "1e999", "99999999999999999999", "''", "\"\"", "[]", "{}",
        "!!binary aGVsbG8=", "&anchor x", "*anchor", "|\n  block", ">", "\"\\u0000\"", "\"\\e[2J\"", "'''", "\"\\x85\"",
        "- item", "? complex", "%TAG ! tag:x,", "@reserved", "`reserved",
    ];

    private const string YamlPunctuation = ":-[]{}&*!|>'\"#%@`,?~\\";

    public static TheoryData<int> Seeds => [1, 2, 3, 4];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Random_mutations_of_the_example_file_are_valid_or_one_line_errors(int seed) =>
        Property.ForAll(seed, 150, Mutate, y => Check(y));

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Random_text_and_binary_junk_are_one_line_errors(int seed) =>
        Property.ForAll(seed, 60, r => r.Next(3) switch
        {
            0 => HostileText.Next(r, 50_000),
            1 => Encoding.Latin1.GetString(HostileText.Bytes(r, 4_000)),
            _ => Encoding.UTF8.GetString(HostileText.Bytes(r, 4_000)),
        }, y => Check(y));

    [Theory]
    [InlineData("tunnels:\n  db:\n    destination: a\n    destination: b\n    forwards: [ { local: \"1:h:1\" } ]\n")]
    [InlineData("tunnels:\n  db: { destination: a, forwards: [ { local: \"1:h:1\" } ] }\n  db: { destination: b, forwards: [ { local: \"2:h:1\" } ] }\n")]
    [InlineData("tunnels: {}\ntunnels: {}\n")]
    [InlineData("defaults: { health: { probe_interval: 1, probe_interval: 2 } }\ntunnels: {}\n")]
    public void A_duplicate_key_at_any_level_is_an_error_naming_it(string yaml)
    {
        var errors = Assert.IsType<ConfigLoadResult.Invalid>(Check(yaml)).Errors;

        Assert.Contains(errors, e => e.Message.StartsWith("duplicate key `", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(ConfigLoader.MaxDepth + 1)]
    [InlineData(50_000)]
    public void Deep_nesting_of_maps_in_block_and_flow_style_is_one_error(int depth)
    {
        var flow = "tunnels: " + string.Concat(Enumerable.Repeat("{a: ", depth)) + "1" + new string('}', depth) + "\n";
        var block = new StringBuilder("tunnels:\n");
        for (var i = 0; i < Math.Min(depth, 2_000); i++) block.Append(' ', 2 * (i + 1)).Append("k").Append(i).Append(":\n");

        Assert.IsType<ConfigLoadResult.Invalid>(Check(flow));
        Assert.IsType<ConfigLoadResult.Invalid>(Check(block.ToString()));
    }

    /// <summary>The property: a result, and each error one printable line.</summary>
    private static ConfigLoadResult Check(string yaml)
    {
        var result = ConfigLoader.Parse(yaml, "t.yaml", "/home/u");
        switch (result)
        {
            case ConfigLoadResult.Invalid invalid:
                Assert.NotEmpty(invalid.Errors);
                Assert.True(invalid.Errors.Count <= 10_000, $"{invalid.Errors.Count} errors");
                foreach (var error in invalid.Errors) HostileAssert.OneLine(error.ToString(), "a config error");
                break;
            case ConfigLoadResult.Valid valid:
                Assert.NotNull(valid.Config.Tunnels);
                break;
            default:
                Assert.Fail($"no result: {result}");
                break;
        }
        return result;
    }

    private static string Mutate(Random random)
    {
        var lines = Example.Split('\n').ToList();
        var mutations = random.Next(1, 5);
        for (var m = 0; m < mutations && lines.Count > 0; m++)
        {
            var at = random.Next(lines.Count);
            switch (random.Next(10))
            {
                case 0: // truncated anywhere, even inside a line
                    var text = string.Join('\n', lines);
                    lines = [.. text[..random.Next(text.Length + 1)].Split('\n')];
                    break;
                case 1: // a line twice: duplicate keys, duplicate list items
                    lines.Insert(at, lines[at]);
                    break;
                case 2: // a value of the wrong type
                    lines[at] = ReplaceValue(lines[at], WrongValues[random.Next(WrongValues.Length)]);
                    break;
                case 3: // a hostile scalar, sometimes huge
                    lines[at] = ReplaceValue(lines[at], "\"" + HostileText.Next(random, 100_000).Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"");
                    break;
                case 4: // deep nesting where a value goes
                    var depth = random.Next(10, 3_000);
                    lines[at] = ReplaceValue(lines[at], new string('[', depth) + new string(']', depth));
                    break;
                case 5: // a line removed
                    lines.RemoveAt(at);
                    break;
                case 6: // indentation broken
                    lines[at] = new string(random.Next(2) == 0 ? '\t' : ' ', random.Next(0, 9)) + lines[at].TrimStart();
                    break;
                case 7: // binary junk
                    lines.Insert(at, Encoding.Latin1.GetString(HostileText.Bytes(random, 200)));
                    break;
                case 8: // YAML punctuation sprinkled in
                    var chars = lines[at].ToCharArray();
                    if (chars.Length > 0) chars[random.Next(chars.Length)] = YamlPunctuation[random.Next(YamlPunctuation.Length)];
                    lines[at] = new string(chars);
                    break;
                default: // two lines swapped
                    var other = random.Next(lines.Count);
                    (lines[at], lines[other]) = (lines[other], lines[at]);
                    break;
            }
        }
        return string.Join('\n', lines);
    }

    /// <summary>The line with what follows its first ": " replaced (or the value appended).</summary>
    private static string ReplaceValue(string line, string value)
    {
        var colon = line.IndexOf(": ", StringComparison.Ordinal);
        return colon < 0 ? line + " " + value : line[..(colon + 2)] + value;
    }

    private static string ExamplePath([CallerFilePath] string thisFile = "") =>
        Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "..", "..", "docs", "examples", "tunnels.yaml");
}
