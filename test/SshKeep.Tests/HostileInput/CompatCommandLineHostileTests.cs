using SshKeep.Compat;

namespace SshKeep.Tests.HostileInput;

/// <summary>
/// Random and malformed autossh command lines and <c>AUTOSSH_*</c> values through
/// <see cref="CompatCommandLine.Parse"/>: every one is a decision (version, usage, a fatal
/// one-line error, or a run), never an exception; sshkeep's own stderr line is one printable line.
/// </summary>
public sealed class CompatCommandLineHostileTests
{
    internal static readonly string[] Variables =
    [
        "AUTOSSH_PATH", "AUTOSSH_DEBUG", "AUTOSSH_LOGLEVEL", "AUTOSSH_POLL", "AUTOSSH_FIRST_POLL", "AUTOSSH_GATETIME",
        "AUTOSSH_MAXSTART", "AUTOSSH_MESSAGE", "AUTOSSH_PORT", "AUTOSSH_MAXLIFETIME", "AUTOSSH_PIDFILE", "AUTOSSH_LOGFILE",
    ];

    /// <summary>Elements that steer getopt: ssh's and autossh's options, clusters, unknown letters, "--".</summary>
    private static readonly string[] Options =
    [
        "-M", "-M", "-f", "-N", "-T", "-L", "-R", "-D", "-o", "-p", "-J", "-B", "-E", "-W", "-e", "-b", "-i", "-l", "-F",
        "--", "-", "-Z", "-h", "--long", "-fNM", "-M0", "-M20000:7", "-NfT", "-oBatchMode=yes", "-", "host", "user@host",
    ];

    public static TheoryData<int> Seeds => [1, 2, 3, 4];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Random_command_lines_and_environments_always_end_in_a_decision(int seed) =>
        Property.ForAll(seed, 150, r => Case.Next(r, encodable: false), c => Check(c.Args, c.Environment), c => c.ToString());

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Every_hostile_AUTOSSH_value_is_accepted_or_named_in_one_line(int seed) =>
        Property.ForAll(seed, 120, r => (Name: Variables[r.Next(Variables.Length)], Value: HostileText.Next(r)), c =>
        {
            var result = Check(["-M", "0", "host"], new Dictionary<string, string> { [c.Name] = c.Value });

            // An invalid variable is fatal before anything else runs, and says which variable.
            if (result is CompatParseResult.Fatal { Environment: null } fatal)
                Assert.Contains(c.Name, fatal.StderrLine, StringComparison.Ordinal);
        }, c => $"{c.Name}=\"{Property.Show(c.Value)}\"");

    [Theory]
    [InlineData("-\n")]
    [InlineData("-N\x1b[2J")]
    [InlineData("-\u0085")]
    [InlineData("-\u009b31m")]
    [InlineData("-\ud83d")]
    public void A_control_character_as_an_option_letter_is_named_in_one_line(string element)
    {
        var usage = Assert.IsType<CompatParseResult.Usage>(Check([element, "host"], new Dictionary<string, string>()));

        Assert.StartsWith("/usr/bin/autossh: invalid option -- ", usage.GetoptDiagnostic, StringComparison.Ordinal);
    }

    /// <summary>The property: a decision, and any line of sshkeep's own on one printable line.</summary>
    internal static CompatParseResult Check(IReadOnlyList<string> args, IReadOnlyDictionary<string, string> environment)
    {
        var result = CompatCommandLine.Parse("/usr/bin/autossh", args, environment, () => 20000);

        switch (result)
        {
            case CompatParseResult.ShowVersion version:
                HostileAssert.OneLine(version.Line, "the version line");
                break;
            case CompatParseResult.Usage usage:
                if (usage.GetoptDiagnostic is { } diagnostic) HostileAssert.OneLine(diagnostic, "getopt's diagnostic");
                Assert.EndsWith("\n", usage.Text, StringComparison.Ordinal);
                break;
            case CompatParseResult.Fatal fatal:
                HostileAssert.OneLine(fatal.StderrLine, "the fatal stderr line");
                break;
            case CompatParseResult.Run run:
                Assert.NotNull(run.Settings.SshArguments);
                break;
            default:
                Assert.Fail($"no decision: {result}");
                break;
        }
        return result;
    }

    /// <summary>One random command line and environment.</summary>
    internal sealed record Case(IReadOnlyList<string> Args, IReadOnlyDictionary<string, string> Environment)
    {
        public static Case Next(Random random, bool encodable, IReadOnlyList<string>? variables = null)
        {
            variables ??= Variables;
            string Text() => encodable ? HostileText.ForProcess(random, 2_000) : HostileText.Next(random, 20_000);
            var args = new List<string>();
            var count = random.Next(0, 8);
            for (var i = 0; i < count; i++)
                args.Add(random.Next(3) == 0 ? Text() : Options[random.Next(Options.Length)]);

            var environment = new Dictionary<string, string>(StringComparer.Ordinal);
            var set = random.Next(0, 4);
            for (var i = 0; i < set; i++)
            {
                var name = variables[random.Next(variables.Count)];
                // Often a plausible value, so that later checks are reached too.
                environment[name] = random.Next(3) == 0 ? random.Next(-5, 100).ToString(System.Globalization.CultureInfo.InvariantCulture) : Text();
            }
            if (random.Next(8) == 0) environment["POSIXLY_CORRECT"] = "";
            return new Case(args, environment);
        }

        public override string ToString() =>
            "argv [" + string.Join(", ", Args.Select(a => "\"" + Property.Show(a, 80) + "\"")) + "] env {" +
            string.Join(", ", Environment.Select(kv => $"{kv.Key}=\"{Property.Show(kv.Value, 80)}\"")) + "}";
    }
}
