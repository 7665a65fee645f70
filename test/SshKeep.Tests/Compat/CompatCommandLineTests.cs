using SshKeep.Compat;
using static SshKeep.Tests.Compat.CompatRun;

namespace SshKeep.Tests.Compat;

/// <summary>Order of checks, -V, usage, the free-port picker and start-up notices (spec §1, §2).</summary>
public sealed class CompatCommandLineTests
{
    [Theory]
    // R5, R2: -V acts when getopt reaches it, wherever it is (permutation), needing nothing else.
    [InlineData("-V")]
    [InlineData("-M 65534 host -V")]
    [InlineData("host -V")]
    [InlineData("-NV")]
    [InlineData("-V -h")]
    [InlineData("-Vh")]
    [InlineData("-M 0 -V")]
    [InlineData("-M 65535 -V")]
    [InlineData("-M abc host -V")]
    [InlineData("-V -M")]
    public void Dash_V_prints_the_version(string commandLine)
    {
        var result = Parse(Words(commandLine));

        Assert.Equal(new CompatParseResult.ShowVersion("autossh 1.4g"), result);
    }

    [Theory]
    [InlineData("/usr/local/bin/mytunnel", "mytunnel 1.4g")]
    [InlineData("sshkeep", "sshkeep 1.4g")]
    [InlineData("./autossh", "autossh 1.4g")]
    public void The_version_line_names_the_program_as_invoked(string argv0, string line)
    {
        Assert.Equal(new CompatParseResult.ShowVersion(line), CompatCommandLine.Parse(argv0, ["-V"], Env(), NoPicker));
    }

    [Theory]
    // R4 (a), (b): glibc's diagnostic with argv[0] as given, then usage.
    [InlineData("-h", "/usr/lib/autossh/autossh: invalid option -- 'h'")]
    [InlineData("-h -V", "/usr/lib/autossh/autossh: invalid option -- 'h'")]
    [InlineData("-Nh -V host", "/usr/lib/autossh/autossh: invalid option -- 'h'")]
    [InlineData("-M 0 host -h", "/usr/lib/autossh/autossh: invalid option -- 'h'")]
    [InlineData("-M 0 -j host", "/usr/lib/autossh/autossh: invalid option -- 'j'")]
    [InlineData("--foo host", "/usr/lib/autossh/autossh: invalid option -- '-'")]
    [InlineData("--help", "/usr/lib/autossh/autossh: invalid option -- '-'")]
    [InlineData("-: host", "/usr/lib/autossh/autossh: invalid option -- ':'")]
    [InlineData("-é host", "/usr/lib/autossh/autossh: invalid option -- 'é'")]
    [InlineData("-M", "/usr/lib/autossh/autossh: option requires an argument -- 'M'")]
    [InlineData("host -M", "/usr/lib/autossh/autossh: option requires an argument -- 'M'")]
    [InlineData("-M 0 host -p", "/usr/lib/autossh/autossh: option requires an argument -- 'p'")]
    [InlineData("-M 0 -J", "/usr/lib/autossh/autossh: option requires an argument -- 'J'")]
    [InlineData("-M 0 -B", "/usr/lib/autossh/autossh: option requires an argument -- 'B'")]
    [InlineData("-NfM", "/usr/lib/autossh/autossh: option requires an argument -- 'M'")]
    public void A_rejected_option_gives_the_glibc_diagnostic_and_usage(string commandLine, string diagnostic)
    {
        var usage = Assert.IsType<CompatParseResult.Usage>(Parse(Words(commandLine)));

        Assert.Equal(diagnostic, usage.GetoptDiagnostic);
        Assert.StartsWith("usage: autossh [-V] [-M monitor_port[:echo_port]] [-f] [SSH_OPTIONS]\n", usage.Text);
    }

    [Theory]
    // R4 (d): no operand left; autossh does not judge what the operand looks like.
    [InlineData("")]
    [InlineData("-M 0")]
    [InlineData("-M 0 --")]
    [InlineData("-M 20000 -N")]
    [InlineData("-M -V")]
    [InlineData("-f")]
    [InlineData("--")]
    public void No_operand_left_gives_usage_without_a_diagnostic(string commandLine)
    {
        var usage = Assert.IsType<CompatParseResult.Usage>(Parse(Words(commandLine)));

        Assert.Null(usage.GetoptDiagnostic);
    }

    [Fact]
    public void Usage_names_the_program_by_its_last_path_component()
    {
        var usage = Assert.IsType<CompatParseResult.Usage>(CompatCommandLine.Parse("/opt/bin/mytunnel", ["-h"], Env(), NoPicker));

        Assert.Equal("/opt/bin/mytunnel: invalid option -- 'h'", usage.GetoptDiagnostic);
        Assert.StartsWith("usage: mytunnel [-V]", usage.Text);
    }

    [Theory]
    // R2: environment errors come before everything, -V and usage included.
    [InlineData("-V")]
    [InlineData("-h")]
    [InlineData("")]
    [InlineData("-M 0 host")]
    public void An_environment_error_comes_before_getopt(string commandLine)
    {
        var fatal = Fatal(Words(commandLine), "AUTOSSH_POLL=abc");

        Assert.Equal("invalid poll time \"abc\"", fatal.LogMessage);
        Assert.Null(fatal.Environment);
        Assert.Empty(fatal.Notices);
    }

    [Theory]
    // R2: a bad -M is reported only after getopt and the operand check.
    [InlineData("-M abc -V", typeof(CompatParseResult.ShowVersion))]
    [InlineData("-M abc -h", typeof(CompatParseResult.Usage))]
    [InlineData("-M abc", typeof(CompatParseResult.Usage))]
    [InlineData("-M abc host", typeof(CompatParseResult.Fatal))]
    [InlineData("-f -M 65535 host", typeof(CompatParseResult.Fatal))]
    public void A_bad_monitor_spec_loses_to_version_and_usage(string commandLine, Type expected)
    {
        Assert.IsType(expected, Parse(Words(commandLine)));
    }

    [Fact]
    public void Without_any_monitor_spec_a_free_port_is_picked()
    {
        var calls = 0;
        var result = CompatCommandLine.Parse(Argv0, ["-N", "host"], Env("AUTOSSH_PORT="), () => { calls++; return 40000; });

        var settings = Assert.IsType<CompatParseResult.Run>(result).Settings;
        Assert.Equal(1, calls);
        Assert.Equal(new MonitorSpec.Loop(40000), settings.Monitor);
        Assert.Equal("-L 40000:127.0.0.1:40000 -R 40000:127.0.0.1:40001 -N host", Show(settings.SshArguments));
    }

    [Fact]
    public void No_free_port_is_fatal_with_the_wrapper_message()
    {
        var result = CompatCommandLine.Parse(Argv0, ["host"], Env("AUTOSSH_LOGLEVEL=7"), () => null);

        var fatal = Assert.IsType<CompatParseResult.Fatal>(result);
        Assert.Equal("unable to find a suitable tunnel port", fatal.LogMessage);
        Assert.Equal(
            "autossh: unable to find a suitable tunnel port (no free pair of ports P, P+1); give one with -M port, or -M 0 to turn monitoring off",
            fatal.StderrLine);
        Assert.Equal((null, 7, false), (fatal.Environment!.LogFile, fatal.Environment.LogLevel, fatal.Environment.Debug));
    }

    [Theory]
    [InlineData(65535)]
    [InlineData(0)]
    [InlineData(-1)]
    public void A_picked_port_outside_the_loop_range_is_refused(int picked)
    {
        var result = CompatCommandLine.Parse(Argv0, ["host"], Env(), () => picked);

        Assert.Equal($"monitor port ({picked}) out of range", Assert.IsType<CompatParseResult.Fatal>(result).LogMessage);
    }

    [Theory]
    // The port is picked only when it is really needed: not for -V, usage, bad variables,
    // nor when -M or AUTOSSH_PORT gives one.
    [InlineData("-V")]
    [InlineData("-h")]
    [InlineData("")]
    [InlineData("-M 0 host")]
    [InlineData("-M 20000 host")]
    public void The_picker_is_not_asked_when_not_needed(string commandLine)
    {
        _ = Parse(Words(commandLine));
        _ = Parse(["host"], "AUTOSSH_PORT=20000");
        _ = Parse(["host"], "AUTOSSH_POLL=0");
    }

    [Theory]
    // R12, R55, R52, R39: start-up INFO lines, in autossh's order.
    [InlineData("-M 0 host", new string[0], "port set to 0, monitoring disabled")]
    [InlineData("-M 20000 host", new string[0], "")]
    [InlineData("-M 0 host", new[] { "AUTOSSH_POLL=5" }, "port set to 0, monitoring disabled|short poll time: adjusting net timeouts to 2500")]
    [InlineData("-M 20000 host", new[] { "AUTOSSH_POLL=010" }, "short poll time: adjusting net timeouts to 4000")]
    [InlineData("-M 20000 host", new[] { "AUTOSSH_FIRST_POLL=5" }, "")]
    [InlineData("-M 0 host", new[] { "AUTOSSH_MAXLIFETIME=5", "AUTOSSH_POLL=20" },
        "poll time is greater than lifetime, dropping poll time to 5|first poll time is greater than lifetime, dropping first poll time to 5|port set to 0, monitoring disabled|short poll time: adjusting net timeouts to 2500")]
    public void Start_up_notices_come_in_autossh_order(string commandLine, string[] env, string notices)
    {
        var run = Run(Words(commandLine), env);

        Assert.Equal(notices, string.Join("|", run.Settings.Notices));
    }

    [Fact]
    public void A_fatal_monitor_error_carries_the_notices_logged_before_it()
    {
        var fatal = Fatal(["-M", "65535", "host"], "AUTOSSH_MAXLIFETIME=5");

        Assert.Equal(
            ["poll time is greater than lifetime, dropping poll time to 5", "first poll time is greater than lifetime, dropping first poll time to 5"],
            fatal.Notices);
    }

    [Fact]
    public void Every_setting_is_filled_from_the_command_line_and_environment()
    {
        var run = CompatCommandLine.Parse(
            "/usr/bin/autossh",
            ["-f", "-M", "20000:7", "-N", "host"],
            Env("AUTOSSH_PATH=/opt/ssh", "AUTOSSH_POLL=20", "AUTOSSH_FIRST_POLL=9", "AUTOSSH_GATETIME=5",
                "AUTOSSH_MAXSTART=3", "AUTOSSH_MAXLIFETIME=100", "AUTOSSH_MESSAGE=hi", "AUTOSSH_PIDFILE=/run/a.pid",
                "AUTOSSH_LOGFILE=/tmp/a.log", "AUTOSSH_LOGLEVEL=7"),
            NoPicker);

        var expected = new CompatSettings(new CompatEnvironment(
            SshPath: "/opt/ssh", PollSeconds: 20, FirstPollSeconds: 9, GateTimeSeconds: 0, MaxStart: 3, MaxLifetimeSeconds: 100,
            Message: "hi", PidFile: "/run/a.pid", LogFile: "/tmp/a.log", LogLevel: 7, Debug: false))
        {
            ProgramName = "autossh",
            SshArguments = ["-L", "20000:127.0.0.1:7", "-N", "host"],
            Monitor = new MonitorSpec.Echo(20000, 7),
            Detach = true,
            NetTimeoutMilliseconds = 10000,
        };
        var settings = Assert.IsType<CompatParseResult.Run>(run).Settings;
        Assert.Equal(expected with { SshArguments = settings.SshArguments, Notices = settings.Notices }, settings);
        Assert.Equal(["short poll time: adjusting net timeouts to 10000"], settings.Notices);
        Assert.Equal(expected.SshArguments, settings.SshArguments);
    }

    [Fact]
    public void An_environment_error_names_the_program_as_invoked()
    {
        var result = CompatCommandLine.Parse("/opt/mytunnel", ["host"], Env("AUTOSSH_GATETIME=x"), NoPicker);

        Assert.Equal(
            "mytunnel: invalid AUTOSSH_GATETIME \"x\": expected a whole number of seconds, 0 or more",
            Assert.IsType<CompatParseResult.Fatal>(result).StderrLine);
    }
}
