using SshKeep.Compat;
using static SshKeep.Tests.Compat.CompatRun;

namespace SshKeep.Tests.Compat;

/// <summary>The monitor spec from -M or AUTOSSH_PORT (spec R8–R13, with the R13 fix).</summary>
public sealed class MonitorSpecTests
{
    public static TheoryData<string, object> ValidSpecs => new()
    {
        { "0", new MonitorSpec.Off() },
        { "00", new MonitorSpec.Off() },
        { "20000", new MonitorSpec.Loop(20000) },
        { " 20000", new MonitorSpec.Loop(20000) },
        { "+20000", new MonitorSpec.Loop(20000) },
        // R13 fixed: decimal, so leading zeros do not make it octal.
        { "020000", new MonitorSpec.Loop(20000) },
        { "1", new MonitorSpec.Loop(1) },
        { "65534", new MonitorSpec.Loop(65534) },
        { "20000:7", new MonitorSpec.Echo(20000, 7) },
        { "20000:07", new MonitorSpec.Echo(20000, 7) },
        { "20000:010", new MonitorSpec.Echo(20000, 8) }, // the echo port keeps base 0 (R13)
        { "20000:0x9", new MonitorSpec.Echo(20000, 9) },
        { "20000: 7", new MonitorSpec.Echo(20000, 7) },
        // R10: no range check on the echo port; ssh refuses it if it must.
        { "20000:70000", new MonitorSpec.Echo(20000, 70000) },
        // R10: the echo part is validated even when the port is 0.
        { "0:7", new MonitorSpec.Off() },
        // R12: the int truncation is kept: 2^32 is 0 (off), 2^32+20000 is 20000.
        { "4294967296", new MonitorSpec.Off() },
        { "4294987296", new MonitorSpec.Loop(20000) },
    };

    [Theory]
    [MemberData(nameof(ValidSpecs))]
    public void A_valid_dash_M_gives_the_monitor(string spec, object expectedRow)
    {
        var expected = (MonitorSpec)expectedRow;
        Assert.Equal(expected, Run(["-M", spec, "host"]).Settings.Monitor);
    }

    [Theory]
    [MemberData(nameof(ValidSpecs))]
    public void A_valid_autossh_port_gives_the_same_monitor(string spec, object expectedRow)
    {
        var expected = (MonitorSpec)expectedRow;
        Assert.Equal(expected, Run(["host"], $"AUTOSSH_PORT={spec}").Settings.Monitor);
    }

    [Theory]
    // R12: out of range, printed as the truncated int.
    [InlineData("65535", "monitor port (65535) out of range", "the monitor port must be 1 to 65534 (port+1 is used too), or 0 to turn monitoring off")]
    [InlineData("-5", "monitor port (-5) out of range", "the monitor port must be 1 to 65534 (port+1 is used too), or 0 to turn monitoring off")]
    [InlineData("-1", "monitor port (-1) out of range", "the monitor port must be 1 to 65534 (port+1 is used too), or 0 to turn monitoring off")]
    [InlineData("99999999999", "monitor port (1215752191) out of range", "the monitor port must be 1 to 65534 (port+1 is used too), or 0 to turn monitoring off")]
    [InlineData("18446744073709551616", "monitor port (-1) out of range", "the monitor port must be 1 to 65534 (port+1 is used too), or 0 to turn monitoring off")]
    [InlineData("70000:7", "monitor port (70000) out of range", "the monitor port must be 1 to 65534 (port+1 is used too), or 0 to turn monitoring off")]
    // R11: empty or trailing text; the port part is quoted without the echo part.
    [InlineData("", "invalid port \"\"", "the monitor port \"\" is not a decimal number; expected 1 to 65534, or 0 to turn monitoring off")]
    [InlineData(":7", "invalid port \"\"", "the monitor port \"\" is not a decimal number; expected 1 to 65534, or 0 to turn monitoring off")]
    [InlineData("abc", "invalid port \"abc\"", "the monitor port \"abc\" is not a decimal number; expected 1 to 65534, or 0 to turn monitoring off")]
    [InlineData("abc:7", "invalid port \"abc\"", "the monitor port \"abc\" is not a decimal number; expected 1 to 65534, or 0 to turn monitoring off")]
    [InlineData("20000 ", "invalid port \"20000 \"", "the monitor port \"20000 \" is not a decimal number; expected 1 to 65534, or 0 to turn monitoring off")]
    // R13 fixed: hex is refused at start instead of failing the first test's lookup.
    [InlineData("0x4e20", "invalid port \"0x4e20\"", "the monitor port \"0x4e20\" is not a decimal number; expected 1 to 65534, or 0 to turn monitoring off")]
    // R10: the echo part is checked first, with autossh's two spaces.
    [InlineData("20000:", "invalid echo port  \"\"", "the echo port \"\" must be a number greater than 0")]
    [InlineData("20000:0", "invalid echo port  \"0\"", "the echo port \"0\" must be a number greater than 0")]
    [InlineData("20000:x", "invalid echo port  \"x\"", "the echo port \"x\" must be a number greater than 0")]
    [InlineData("20000:7:8", "invalid echo port  \"7:8\"", "the echo port \"7:8\" must be a number greater than 0")]
    [InlineData("0:0", "invalid echo port  \"0\"", "the echo port \"0\" must be a number greater than 0")]
    [InlineData("abc:0", "invalid echo port  \"0\"", "the echo port \"0\" must be a number greater than 0")]
    [InlineData("20000:4294967296", "invalid echo port  \"4294967296\"", "the echo port \"4294967296\" must be a number greater than 0")]
    [InlineData("20000:-7", "invalid echo port  \"-7\"", "the echo port \"-7\" must be a number greater than 0")]
    public void An_invalid_dash_M_is_fatal_with_autossh_message(string spec, string logMessage, string explanation)
    {
        var fatal = Fatal(["-M", spec, "-N", "host"], "AUTOSSH_LOGLEVEL=5", "AUTOSSH_LOGFILE=/tmp/a.log");

        Assert.Equal(logMessage, fatal.LogMessage);
        Assert.Equal($"autossh: invalid -M \"{spec}\": {explanation}", fatal.StderrLine);
        Assert.Equal(("/tmp/a.log", 5, false), (fatal.Environment!.LogFile, fatal.Environment.LogLevel, fatal.Environment.Debug));
    }

    [Theory]
    [InlineData("abc", "invalid port \"abc\"")]
    [InlineData("65535", "monitor port (65535) out of range")]
    [InlineData("20000:", "invalid echo port  \"\"")]
    public void An_invalid_autossh_port_is_fatal_without_dash_M(string spec, string logMessage)
    {
        var fatal = Fatal(["host"], $"AUTOSSH_PORT={spec}");

        Assert.Equal(logMessage, fatal.LogMessage);
        Assert.StartsWith($"autossh: invalid AUTOSSH_PORT \"{spec}\": ", fatal.StderrLine);
        Assert.NotNull(fatal.Environment);
    }

    [Theory]
    // R9 (Debian): any -M replaces AUTOSSH_PORT, which is then never examined.
    [InlineData("abc", "-M 30000", 30000)]
    [InlineData("20000", "-M 30000", 30000)]
    [InlineData("0", "-M 30000", 30000)]
    [InlineData("20000", "-M0", 0)]
    [InlineData("", "-M 30000", 30000)]
    public void Dash_M_wins_over_autossh_port(string envPort, string option, int expectedPort)
    {
        var run = Run([.. Words(option), "host"], $"AUTOSSH_PORT={envPort}");

        var port = run.Settings.Monitor is MonitorSpec.Loop loop ? loop.WritePort : 0;
        Assert.Equal(expectedPort, port);
    }

    [Fact]
    public void The_last_dash_M_is_the_one_checked()
    {
        Assert.Equal(new MonitorSpec.Loop(20000), Run(["-M", "abc", "-M", "20000", "host"]).Settings.Monitor);
        Assert.Equal("invalid port \"abc\"", Fatal(["-M", "20000", "-M", "abc", "host"]).LogMessage);
    }

    [Fact]
    public void A_dash_M_after_the_double_dash_is_not_a_monitor_spec()
    {
        var run = CompatCommandLine.Parse(Argv0, ["host", "--", "grep", "-M", "5", "x"], Env(), () => 40000);

        var settings = Assert.IsType<CompatParseResult.Run>(run).Settings;
        Assert.Equal(new MonitorSpec.Loop(40000), settings.Monitor);
        Assert.Equal("-L 40000:127.0.0.1:40000 -R 40000:127.0.0.1:40001 host grep -M 5 x", Show(settings.SshArguments));
    }
}
