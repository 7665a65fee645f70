using static SshKeep.Tests.Compat.CompatRun;

namespace SshKeep.Tests.Compat;

/// <summary>The AUTOSSH_* variables (spec §3, R29–R45).</summary>
public sealed class CompatEnvironmentTests
{
    private static readonly string[] Off = ["-M", "0", "host"];

    [Fact]
    public void Defaults_apply_when_no_variable_is_set()
    {
        var s = Run(Off).Settings;

        Assert.Equal(
            (600, 600, 30, -1, 0.0, "", (string?)null, (string?)null, 6, false, false, 15000),
            (s.PollSeconds, s.FirstPollSeconds, s.GateTimeSeconds, s.MaxStart, s.MaxLifetimeSeconds, s.Message,
                s.PidFile, s.LogFile, s.LogLevel, s.Debug, s.Detach, s.NetTimeoutMilliseconds));
        Assert.Equal("autossh", s.ProgramName);
    }

    [Theory]
    // R33: strtoul base 0 into an int; " 7", "+7", octal, hex; wrap modulo 2^32; negative → 600.
    [InlineData("7", 7, 3500)]
    [InlineData(" 7", 7, 3500)]
    [InlineData("\t7", 7, 3500)]
    [InlineData("+7", 7, 3500)]
    [InlineData("010", 8, 4000)]
    [InlineData("0x10", 16, 8000)]
    [InlineData("0X1f", 31, 15000)]
    [InlineData("-5", 600, 15000)]
    [InlineData(" -7", 600, 15000)]
    [InlineData("4294967301", 5, 2500)]
    [InlineData("2147483648", 600, 15000)]
    [InlineData("99999999999999999999999", 600, 15000)]
    [InlineData("29", 29, 14500)]
    [InlineData("30", 30, 15000)]
    [InlineData("1", 1, 500)]
    [InlineData("3000000", 3000000, 15000)]
    public void Poll_time_is_read_like_strtoul_into_an_int(string value, int poll, int netTimeout)
    {
        var s = Run(Off, $"AUTOSSH_POLL={value}").Settings;

        Assert.Equal((poll, poll, netTimeout), (s.PollSeconds, s.FirstPollSeconds, s.NetTimeoutMilliseconds));
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("5.5")]
    [InlineData("0")]
    [InlineData("-0")]
    [InlineData("4294967296")]
    [InlineData("7 ")]
    [InlineData("08")]
    [InlineData("0x")]
    [InlineData(" ")]
    [InlineData("+")]
    [InlineData("٣")]
    [InlineData("７")]
    [InlineData("5s")]
    public void An_invalid_poll_time_is_fatal_before_anything_else(string value)
    {
        var fatal = Fatal(["-V"], $"AUTOSSH_POLL={value}");

        Assert.Equal($"invalid poll time \"{value}\"", fatal.LogMessage);
        Assert.Null(fatal.Environment);
        Assert.StartsWith("autossh: invalid AUTOSSH_POLL \"", fatal.StderrLine);
        Assert.EndsWith("\": expected a whole number of seconds greater than 0", fatal.StderrLine);
    }

    [Theory]
    // R34: unset means the final POLL; it does not change the net timeout (R52).
    [InlineData(null, "12", 12, 12, 6000)]
    [InlineData("2", "12", 2, 12, 6000)]
    [InlineData("2", null, 2, 600, 15000)]
    [InlineData("-5", "12", 600, 12, 6000)]
    [InlineData(null, "-5", 600, 600, 15000)]
    [InlineData("0x20", "40", 32, 40, 15000)]
    public void First_poll_defaults_to_the_poll_time(string? firstPoll, string? poll, int expectedFirst, int expectedPoll, int netTimeout)
    {
        var env = new List<string>();
        if (firstPoll is not null) env.Add($"AUTOSSH_FIRST_POLL={firstPoll}");
        if (poll is not null) env.Add($"AUTOSSH_POLL={poll}");

        var s = Run(Off, [.. env]).Settings;

        Assert.Equal((expectedFirst, expectedPoll, netTimeout), (s.FirstPollSeconds, s.PollSeconds, s.NetTimeoutMilliseconds));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("0")]
    [InlineData("")]
    public void An_invalid_first_poll_time_is_fatal(string value)
    {
        var fatal = Fatal(Off, $"AUTOSSH_FIRST_POLL={value}");

        Assert.Equal($"invalid first poll time \"{value}\"", fatal.LogMessage);
        Assert.Equal($"autossh: invalid AUTOSSH_FIRST_POLL \"{value}\": expected a whole number of seconds greater than 0", fatal.StderrLine);
    }

    [Theory]
    // R35: strtol, >= 0; beyond int.MaxValue seconds it is simply "never".
    [InlineData("0", 0)]
    [InlineData("45", 45)]
    [InlineData("0x10", 16)]
    [InlineData(" 5", 5)]
    [InlineData("4294967296", int.MaxValue)]
    [InlineData("9223372036854775808", int.MaxValue)]
    [InlineData("99999999999999999999", int.MaxValue)]
    public void Gate_time_is_read_like_strtol(string value, int gate)
    {
        Assert.Equal(gate, Run(Off, $"AUTOSSH_GATETIME={value}").Settings.GateTimeSeconds);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("5.5")]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("-9223372036854775809")]
    public void An_invalid_gate_time_is_fatal(string value)
    {
        var fatal = Fatal(Off, $"AUTOSSH_GATETIME={value}");

        Assert.Equal($"invalid gate time \"{value}\"", fatal.LogMessage);
        Assert.Equal($"autossh: invalid AUTOSSH_GATETIME \"{value}\": expected a whole number of seconds, 0 or more", fatal.StderrLine);
    }

    [Theory]
    // R45, R80: -f forces the gate to 0, even when set explicitly.
    [InlineData("-f", "30", 0)]
    [InlineData("-Nf", null, 0)]
    [InlineData("-N", "30", 30)]
    [InlineData("-N", null, 30)]
    public void Dash_f_forces_the_gate_time_to_zero(string option, string? gate, int expected)
    {
        string[] env = gate is null ? [] : [$"AUTOSSH_GATETIME={gate}"];

        Assert.Equal(expected, Run(["-M", "0", option, "host"], env).Settings.GateTimeSeconds);
    }

    [Theory]
    // R36: (int)strtol, >= -1 after truncation.
    [InlineData("-1", -1)]
    [InlineData("0", 0)]
    [InlineData("0x0", 0)]
    [InlineData("8", 8)]
    [InlineData("4294967295", -1)]
    [InlineData("9223372036854775808", -1)]
    [InlineData("-9223372036854775809", 0)]
    public void Max_start_is_read_like_strtol_into_an_int(string value, int expected)
    {
        Assert.Equal(expected, Run(Off, $"AUTOSSH_MAXSTART={value}").Settings.MaxStart);
    }

    [Theory]
    [InlineData("-2")]
    [InlineData("2147483648")]
    [InlineData("")]
    [InlineData("1.0")]
    public void An_invalid_max_start_is_fatal(string value)
    {
        var fatal = Fatal(Off, $"AUTOSSH_MAXSTART={value}");

        Assert.Equal($"invalid max start number \"{value}\"", fatal.LogMessage);
        Assert.Equal($"autossh: invalid AUTOSSH_MAXSTART \"{value}\": expected a whole number of ssh starts, or -1 for no limit", fatal.StderrLine);
    }

    [Theory]
    // R37: at most 64 bytes, counted in UTF-8.
    [InlineData("", 0)]
    [InlineData("a", 1)]
    [InlineData("a", 64)]
    [InlineData("é", 32)]
    [InlineData(" ", 64)]
    public void A_message_of_at_most_64_bytes_is_kept(string unit, int count)
    {
        var message = string.Concat(Enumerable.Repeat(unit, count));

        Assert.Equal(message, Run(Off, $"AUTOSSH_MESSAGE={message}").Settings.Message);
    }

    [Theory]
    [InlineData("a", 65, 65)]
    [InlineData("é", 33, 66)]
    [InlineData("€", 22, 66)]
    public void A_message_over_64_bytes_is_fatal(string unit, int count, int bytes)
    {
        var message = string.Concat(Enumerable.Repeat(unit, count));

        var fatal = Fatal(Off, $"AUTOSSH_MESSAGE={message}");

        Assert.Equal("echo message may only be 64 bytes long", fatal.LogMessage);
        Assert.Equal($"autossh: invalid AUTOSSH_MESSAGE \"{message}\": expected at most 64 bytes, got {bytes}", fatal.StderrLine);
    }

    [Theory]
    // R32: strtoul into an int, 0..7; the debug variable wins without LOGLEVEL being read.
    [InlineData("2", 2)]
    [InlineData("0", 0)]
    [InlineData("0x7", 7)]
    [InlineData("4294967303", 7)]
    [InlineData(" 5", 5)]
    public void Log_level_is_read_like_strtoul_into_an_int(string value, int expected)
    {
        var run = Run(Off, $"AUTOSSH_LOGLEVEL={value}");

        Assert.Equal(expected, run.Settings.LogLevel);
        Assert.False(run.Settings.Debug);
    }

    [Theory]
    // R32 quirk: the rejected level is stored before the check, so below LOG_ERR it silences
    // its own message; the stderr line is given anyway (deliberate fix).
    [InlineData("8", "invalid log level \"8\"")]
    [InlineData("3x", "invalid log level \"3x\"")]
    [InlineData("4294967304", "invalid log level \"4294967304\"")]
    [InlineData("abc", "")]
    [InlineData("-1", "")]
    [InlineData("", "")]
    [InlineData("2x", "")]
    public void An_invalid_log_level_is_fatal_and_may_silence_itself(string value, string logMessage)
    {
        var fatal = Fatal(["-V"], $"AUTOSSH_LOGLEVEL={value}");

        Assert.Equal(logMessage, fatal.LogMessage);
        Assert.Equal($"autossh: invalid AUTOSSH_LOGLEVEL \"{value}\": expected a syslog level from 0 to 7", fatal.StderrLine);
    }

    [Theory]
    [InlineData("AUTOSSH_LOGLEVEL=2", "")]
    [InlineData("AUTOSSH_LOGLEVEL=0", "")]
    [InlineData("AUTOSSH_LOGLEVEL=3", "invalid poll time \"abc\"")]
    [InlineData("AUTOSSH_DEBUG=", "invalid poll time \"abc\"")]
    public void A_log_level_below_err_silences_later_variable_errors_in_the_log_only(string level, string logMessage)
    {
        var fatal = Fatal(Off, level, "AUTOSSH_POLL=abc");

        Assert.Equal(logMessage, fatal.LogMessage);
        Assert.Equal("autossh: invalid AUTOSSH_POLL \"abc\": expected a whole number of seconds greater than 0", fatal.StderrLine);
    }

    [Theory]
    // R31: presence alone, any value; AUTOSSH_LOGLEVEL is then not even validated.
    [InlineData("")]
    [InlineData("0")]
    [InlineData("no")]
    public void Debug_is_switched_on_by_presence_and_ignores_the_log_level(string value)
    {
        var s = Run(Off, $"AUTOSSH_DEBUG={value}", "AUTOSSH_LOGLEVEL=abc").Settings;

        Assert.Equal((true, 7), (s.Debug, s.LogLevel));
    }

    [Theory]
    // R39: (double)strtoul; 0 is unlimited; negative wraps to a huge value (no clamp).
    [InlineData("0", 0.0)]
    [InlineData("5", 5.0)]
    [InlineData("0x10", 16.0)]
    [InlineData(" 3", 3.0)]
    [InlineData("-5", 18446744073709551611.0)]
    [InlineData("18446744073709551616", 18446744073709551615.0)]
    public void Max_lifetime_is_read_like_strtoul_into_a_double(string value, double expected)
    {
        Assert.Equal(expected, Run(Off, $"AUTOSSH_MAXLIFETIME={value}").Settings.MaxLifetimeSeconds);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData("5.5")]
    public void An_invalid_max_lifetime_is_fatal(string value)
    {
        var fatal = Fatal(Off, $"AUTOSSH_MAXLIFETIME={value}");

        Assert.Equal($"invalid max lifetime \"{value}\"", fatal.LogMessage);
        Assert.Equal($"autossh: invalid AUTOSSH_MAXLIFETIME \"{value}\": expected a whole number of seconds, or 0 for no limit", fatal.StderrLine);
    }

    [Theory]
    // R39, R52: the lifetime lowers poll and first poll, each with its own line; the net
    // timeout comes from the final poll time.
    [InlineData("5", "20", "9", 5, 5, 2500, "poll time is greater than lifetime, dropping poll time to 5|first poll time is greater than lifetime, dropping first poll time to 5")]
    [InlineData("10", "20", "9", 10, 9, 5000, "poll time is greater than lifetime, dropping poll time to 10")]
    [InlineData("10", "5", "20", 5, 10, 2500, "first poll time is greater than lifetime, dropping first poll time to 10")]
    [InlineData("7", null, null, 7, 7, 3500, "poll time is greater than lifetime, dropping poll time to 7|first poll time is greater than lifetime, dropping first poll time to 7")]
    [InlineData("600", null, null, 600, 600, 15000, "")]
    [InlineData("-5", null, null, 600, 600, 15000, "")]
    public void Max_lifetime_clamps_the_poll_times(string lifetime, string? poll, string? firstPoll, int expectedPoll, int expectedFirst, int netTimeout, string clampNotices)
    {
        var env = new List<string> { $"AUTOSSH_MAXLIFETIME={lifetime}" };
        if (poll is not null) env.Add($"AUTOSSH_POLL={poll}");
        if (firstPoll is not null) env.Add($"AUTOSSH_FIRST_POLL={firstPoll}");

        var run = Run(["-M", "20000", "host"], [.. env]);

        Assert.Equal((expectedPoll, expectedFirst, netTimeout),
            (run.Settings.PollSeconds, run.Settings.FirstPollSeconds, run.Settings.NetTimeoutMilliseconds));
        var clamps = run.Settings.Notices.Where(n => n.Contains("lifetime", StringComparison.Ordinal));
        Assert.Equal(clampNotices, string.Join("|", clamps));
    }

    [Theory]
    // R40: empty is unset.
    [InlineData("", null)]
    [InlineData("/run/t.pid", "/run/t.pid")]
    [InlineData("rel.pid", "rel.pid")]
    public void Pid_file_is_taken_as_given_and_empty_means_none(string value, string? expected)
    {
        Assert.Equal(expected, Run(Off, $"AUTOSSH_PIDFILE={value}").Settings.PidFile);
    }

    [Fact]
    public void Log_file_is_passed_on_for_the_caller_to_open()
    {
        var run = Run(Off, "AUTOSSH_LOGFILE=/var/log/t.log");

        Assert.Equal("/var/log/t.log", run.Settings.LogFile);
    }

    [Fact]
    public void An_empty_log_file_name_fails_as_fopen_would()
    {
        var fatal = Fatal(["-V"], "AUTOSSH_LOGFILE=");

        Assert.Equal(": No such file or directory", fatal.LogMessage);
        Assert.Equal("autossh: invalid AUTOSSH_LOGFILE \"\": expected the path of a file to append log lines to", fatal.StderrLine);
        Assert.Null(fatal.Environment);
    }

    [Theory]
    // R1: variables are checked in autossh's order; the first invalid one is reported.
    [InlineData("invalid log level \"8\"", "AUTOSSH_LOGLEVEL=8", "AUTOSSH_POLL=abc")]
    [InlineData("invalid poll time \"abc\"", "AUTOSSH_POLL=abc", "AUTOSSH_FIRST_POLL=x")]
    [InlineData("invalid first poll time \"x\"", "AUTOSSH_FIRST_POLL=x", "AUTOSSH_GATETIME=-1")]
    [InlineData("invalid gate time \"-1\"", "AUTOSSH_GATETIME=-1", "AUTOSSH_MAXSTART=-2")]
    [InlineData("invalid max start number \"-2\"", "AUTOSSH_MAXSTART=-2", "AUTOSSH_MAXLIFETIME=x")]
    [InlineData("invalid max lifetime \"x\"", "AUTOSSH_MAXLIFETIME=x", "AUTOSSH_LOGFILE=")]
    [InlineData("invalid max lifetime \"x\"", "AUTOSSH_PORT=abc", "AUTOSSH_MAXLIFETIME=x")]
    public void The_first_invalid_variable_in_autossh_order_wins(string logMessage, string first, string second)
    {
        Assert.Equal(logMessage, Fatal(Off, second, first).LogMessage);
    }

    [Theory]
    [InlineData("a\nb", "\"a\\nb\"")]
    [InlineData("a\tb\r", "\"a\\tb\\r\"")]
    [InlineData("\u001b[1m", "\"\\x1b[1m\"")]
    public void A_bad_value_with_control_characters_still_gives_one_stderr_line(string value, string quoted)
    {
        var fatal = Fatal(Off, $"AUTOSSH_POLL={value}");

        Assert.Equal($"autossh: invalid AUTOSSH_POLL {quoted}: expected a whole number of seconds greater than 0", fatal.StderrLine);
        Assert.Equal($"invalid poll time \"{value}\"", fatal.LogMessage);
    }

    [Fact]
    public void Unknown_autossh_variables_are_ignored()
    {
        Assert.Equal(600, Run(Off, "AUTOSSH_MHOST=10.0.0.1", "AUTOSSH_NTSERVICE=yes", "AUTOSSH_MAX_SESSION=x").Settings.PollSeconds);
    }
}
