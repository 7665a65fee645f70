using SshKeep.Logging;
using static SshKeep.Compat.CNumber;

namespace SshKeep.Compat;

/// <summary>The variables as autossh's <c>get_env_args()</c> reads them (docs/autossh-rules.md R29–R45, R1).</summary>
/// <param name="SshPath">R14, R30.</param>
/// <param name="LogLevel">R32, R85.</param>
/// <param name="GateTimeSeconds">0 after -f (R80).</param>
/// <param name="MaxStart">-1: no limit (R36, R66).</param>
/// <param name="Port">Not yet examined: it only matters without <c>-M</c> (R9, R38).</param>
/// <param name="MaxLifetimeSeconds">0: unlimited (R39, R67).</param>
internal record CompatEnvironment(
    string SshPath = CompatEnvironment.DefaultSshPath, bool Debug = false, int LogLevel = SyslogSeverity.Information,
    int PollSeconds = CompatEnvironment.DefaultPollSeconds, int FirstPollSeconds = CompatEnvironment.DefaultPollSeconds,
    int GateTimeSeconds = CompatEnvironment.DefaultGateTimeSeconds, int MaxStart = -1, string Message = "", string? Port = null,
    double MaxLifetimeSeconds = 0, string? PidFile = null, string? LogFile = null)
{
    public const string DefaultSshPath = "/usr/bin/ssh";

    /// <summary>R37.</summary>
    public const int MaxMessageBytes = 64;

    private const int DefaultPollSeconds = 600;
    private const int DefaultGateTimeSeconds = 30;

    /// <summary>The lifetime clamp lines (R39).</summary>
    public IReadOnlyList<string> Notices { get; init; } = [];

    public static bool TryRead(IReadOnlyDictionary<string, string> environment, string programName,
        out CompatEnvironment? result, out CompatParseResult.Fatal? error)
    {
        result = null;
        error = null;
        var notices = new List<string>();
        CompatParseResult.Fatal? fatal = null;

        // R29/R32: the level stored so far filters the error, even a level about to be rejected.
        var level = SyslogSeverity.Information;
        bool Fail(string logMessage, string variable, string value, string expected)
        {
            fatal = new CompatParseResult.Fatal(level >= SyslogSeverity.Error ? logMessage : "",
                $"{programName}: invalid {variable} {CompatCommandLine.Quote(value)}: {expected}", null, notices);
            return false;
        }

        // Stored before the check (R32: the level filters its own error).
        bool Read<T>(string variable, string what, string expected, Func<string, (T Value, bool Valid)> parse, ref T value)
        {
            if (!environment.TryGetValue(variable, out var text)) return true;
            bool valid;
            (value, valid) = parse(text);
            return valid || Fail($"invalid {what} \"{text}\"", variable, text, expected);
        }

        // R30, R41: any string, even empty.
        var sshPath = environment.GetValueOrDefault("AUTOSSH_PATH") ?? DefaultSshPath;
        // R31: presence alone; AUTOSSH_LOGLEVEL is then not read.
        var debug = environment.ContainsKey("AUTOSSH_DEBUG");
        if (debug) level = SyslogSeverity.Debug;
        var poll = DefaultPollSeconds;
        int? firstPoll = null;
        var gateTime = DefaultGateTimeSeconds;
        var maxStart = -1;
        var message = environment.GetValueOrDefault("AUTOSSH_MESSAGE") ?? "";
        var messageBytes = Encoding.UTF8.GetByteCount(message);
        double maxLifetime = 0;
        // R1: in get_env_args()'s order, the first invalid variable is fatal.
        var valid = (debug || Read("AUTOSSH_LOGLEVEL", "log level", "expected a syslog level from 0 to 7",
                text => ToCInt(StrToUL(text, 0)) switch { var (n, ok) => (n, ok && n is >= 0 and <= SyslogSeverity.Debug) },
                ref level))
            // R33.
            && Read("AUTOSSH_POLL", "poll time", "expected a whole number of seconds greater than 0", PollTime, ref poll)
            // R34.
            && Read("AUTOSSH_FIRST_POLL", "first poll time", "expected a whole number of seconds greater than 0",
                text => ((int?, bool))PollTime(text), ref firstPoll)
            // R35; beyond int.MaxValue seconds (68 years) is the same "never".
            && Read("AUTOSSH_GATETIME", "gate time", "expected a whole number of seconds, 0 or more",
                text => StrToL(text, 0) switch { var (n, complete) => ((int)Math.Clamp(n, 0, int.MaxValue), complete && n >= 0) },
                ref gateTime)
            // R36.
            && Read("AUTOSSH_MAXSTART", "max start number", "expected a whole number of ssh starts, or -1 for no limit",
                text => ToCInt(StrToL(text, 0)) switch { var (n, complete) => (n, complete && n >= -1) }, ref maxStart)
            // R37: UTF-8 bytes, as the C program sees them.
            && (messageBytes <= MaxMessageBytes || Fail($"echo message may only be {MaxMessageBytes} bytes long",
                "AUTOSSH_MESSAGE", message, $"expected at most {MaxMessageBytes} bytes, got {messageBytes}"))
            // R39.
            && Read("AUTOSSH_MAXLIFETIME", "max lifetime", "expected a whole number of seconds, or 0 for no limit",
                text => StrToUL(text, 0) switch { var (n, complete) => ((double)n, complete) }, ref maxLifetime);
        if (!valid)
        {
            error = fatal;
            return false;
        }

        // R39, R54: a clamped lifetime is below int.MaxValue, so "%.0f" is its plain integer form.
        var first = firstPoll ?? poll;
        poll = ClampToLifetime(poll, "poll time");
        first = ClampToLifetime(first, "first poll time");

        int ClampToLifetime(int seconds, string what)
        {
            if (maxLifetime <= 0 || seconds <= maxLifetime) return seconds;
            notices.Add($"{what} is greater than lifetime, dropping {what} to {(int)maxLifetime}");
            return (int)maxLifetime;
        }

        // R38 (checked later, only without -M: R9), R40: empty is the same as unset.
        var port = NonEmpty(environment.GetValueOrDefault("AUTOSSH_PORT"));
        var pidFile = NonEmpty(environment.GetValueOrDefault("AUTOSSH_PIDFILE"));

        // R42: the caller opens the file (no I/O here), but fopen("") is known to fail with ENOENT.
        var logFile = environment.GetValueOrDefault("AUTOSSH_LOGFILE");
        if (logFile is "")
        {
            Fail(": No such file or directory", "AUTOSSH_LOGFILE", logFile, "expected the path of a file to append log lines to");
            error = fatal;
            return false;
        }

        result = new CompatEnvironment(sshPath, debug, level, poll, first, gateTime, maxStart, message, port, maxLifetime,
            pidFile, logFile) { Notices = notices };
        return true;
    }

    private static (int Value, bool Complete) PollTime(string text) =>
        ToCInt(StrToUL(text, 0)) switch { var (n, complete) => (n < 0 ? DefaultPollSeconds : n, complete && n != 0) };

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
