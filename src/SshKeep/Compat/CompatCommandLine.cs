namespace SshKeep.Compat;

/// <summary>autossh's command line and environment as one decision, no I/O (docs/autossh-rules.md §1–§3).</summary>
internal static class CompatCommandLine
{
    /// <summary>R5.</summary>
    public const string Version = "1.4g";

    /// <summary>In autossh's order (R1, R2): environment, getopt, usage, -M (R8–R13), ssh argv (R14–R20).</summary>
    /// <param name="pickFreeMonitorPort">The Debian wrapper's pick (R3): a port P with P and P+1 free, or null.</param>
    public static CompatParseResult Parse(string argv0, IReadOnlyList<string> args,
        IReadOnlyDictionary<string, string> environment, Func<int?> pickFreeMonitorPort)
    {
        var programName = ProcessName.ProgName(argv0);

        // R1 step 1, R2.
        if (!CompatEnvironment.TryRead(environment, programName, out var env, out var envError))
        {
            return envError!;
        }

        // R1 step 3, R6, R7. glibc looks for POSIXLY_CORRECT by presence, like getenv.
        var getopt = GnuGetopt.Parse(argv0, args, environment.ContainsKey("POSIXLY_CORRECT"));
        if (getopt is GetoptOutcome.VersionRequested) return new CompatParseResult.ShowVersion($"{programName} {Version}");
        if (getopt is GetoptOutcome.Rejected rejected)
            return new CompatParseResult.Usage(rejected.Diagnostic, CompatUsage.Text(programName));
        var parsed = (GetoptOutcome.Parsed)getopt;

        // R4 (d); autossh does not check that it looks like a host.
        if (parsed.Operands.Count == 0)
        {
            return new CompatParseResult.Usage(null, CompatUsage.Text(programName));
        }

        var notices = new List<string>(env!.Notices);

        // R8, R9, R3; R4 (c) cannot arise.
        var lastM = parsed.Options.LastOrDefault(option => option.Letter == 'M').Value;
        var detach = parsed.Options.Any(option => option.Letter == 'f'); // R18

        MonitorSpec? monitor;
        if (lastM is not null || env.Port is not null)
        {
            var (spec, source) = lastM is not null ? (lastM, "-M") : (env.Port!, "AUTOSSH_PORT");
            monitor = MonitorSpec.Parse(spec, source, programName, out var logMessage, out var stderrLine);
            if (monitor is null)
            {
                return new CompatParseResult.Fatal(logMessage, stderrLine, env, notices);
            }
        }
        else if (pickFreeMonitorPort() is { } picked)
        {
            // As autossh refuses the wrapper's occasional 65535 (R3, R12).
            if (picked is < 1 or > MonitorSpec.MaxMonitorPort)
            {
                return NoPort($"monitor port ({picked}) out of range",
                    $"the free monitor port found ({picked}) is out of range 1 to {MonitorSpec.MaxMonitorPort}");
            }

            monitor = new MonitorSpec.Loop(picked);
        }
        else
        {
            // R3.
            return NoPort("unable to find a suitable tunnel port",
                "unable to find a suitable tunnel port (no free pair of ports P, P+1)");
        }

        CompatParseResult.Fatal NoPort(string logMessage, string problem) => new(logMessage,
            $"{programName}: {problem}; give one with -M port, or -M 0 to turn monitoring off", env, notices);

        if (monitor is MonitorSpec.Off)
        {
            notices.Add("port set to 0, monitoring disabled"); // R12, R55
        }

        // R52: autossh's "(poll*1000)/2 < 15000" (the Debian build shows no overflow for huge polls).
        var netTimeout = 15000;
        if (env.PollSeconds < 30)
        {
            netTimeout = env.PollSeconds * 500;
            notices.Add($"short poll time: adjusting net timeouts to {netTimeout}");
        }

        // R15, R17, R20, R16a, R19. FIX R16c/R17: operands are never edited (docs/compatibility.md row 4).
        IReadOnlyList<string> sshArguments =
            [.. monitor!.SshForwards(), .. parsed.SshOptions, .. parsed.Operands.Where(operand => operand.Length > 0)];

        // R14, R19, R41.
        var sshPath = env.SshPath;
        if (sshPath.Length == 0)
        {
            sshPath = sshArguments.Count > 0 ? sshArguments[0] : "";
            sshArguments = sshArguments.Skip(1).ToArray();
        }

        var settings = new CompatSettings(env)
        {
            ProgramName = programName,
            SshPath = sshPath,
            SshArguments = sshArguments,
            Monitor = monitor!,
            GateTimeSeconds = detach ? 0 : env.GateTimeSeconds, // R45, R80
            Detach = detach,
            NetTimeoutMilliseconds = netTimeout,
            Notices = notices,
        };
        return new CompatParseResult.Run(settings);
    }

    /// <summary>For sshkeep's own stderr lines.</summary>
    public static string Quote(string value) => "\"" + OneLine.Of(value) + "\"";
}
