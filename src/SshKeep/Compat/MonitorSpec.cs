namespace SshKeep.Compat;

/// <summary>autossh's monitor, from <c>-M</c> or <c>AUTOSSH_PORT</c> (docs/autossh-rules.md R8–R13, R46–R56).</summary>
internal abstract record MonitorSpec
{
    /// <summary>R15; no AUTOSSH_MHOST in the Debian binary.</summary>
    public const string ForwardHost = "127.0.0.1";

    /// <summary>The loop needs port+1 too (R12, R95).</summary>
    public const int MaxMonitorPort = 65534;

    private MonitorSpec() { }

    /// <summary>R15.</summary>
    public IReadOnlyList<string> SshForwards() => this switch
    {
        Loop loop => ["-L", Forward(loop.WritePort, loop.WritePort), "-R", Forward(loop.WritePort, loop.ReadPort)],
        Echo echo => ["-L", Forward(echo.WritePort, echo.EchoPort)],
        _ => [],
    };

    /// <summary>R8–R13, in autossh's order: the echo part, the port, its range. Null on failure.</summary>
    /// <param name="source"><c>-M</c> or <c>AUTOSSH_PORT</c>, for the stderr line.</param>
    public static MonitorSpec? Parse(string spec, string source, string programName, out string logMessage, out string stderrLine)
    {
        logMessage = "";
        stderrLine = "";
        var where = $"{programName}: invalid {source} {CompatCommandLine.Quote(spec)}";

        // R8, R10.
        var colon = spec.IndexOf(':', StringComparison.Ordinal);
        var portText = colon < 0 ? spec : spec[..colon];
        int? echoPort = null;
        if (colon >= 0)
        {
            var echoText = spec[(colon + 1)..];

            // R10, R13. FIX: negative as a C int is refused too (docs/compatibility.md rows 2, 3).
            var (value, complete) = CNumber.ToCInt(CNumber.StrToUL(echoText, 0));
            if (!complete || value <= 0)
            {
                logMessage = $"invalid echo port  \"{echoText}\"";
                stderrLine = $"{where}: the echo port {CompatCommandLine.Quote(echoText)} must be a number greater than 0";
                return null;
            }

            echoPort = value;
        }

        // R11. FIX R13: base 10, so forwards and tests use the same port (docs/compatibility.md row 2).
        var (port, portComplete) = CNumber.ToCInt(CNumber.StrToUL(portText, 10));
        if (!portComplete)
        {
            logMessage = $"invalid port \"{portText}\"";
            stderrLine = $"{where}: the monitor port {CompatCommandLine.Quote(portText)} is not a decimal number; "
                + $"expected 1 to {MaxMonitorPort}, or 0 to turn monitoring off";
            return null;
        }

        // R12.
        if (port == 0) return new Off();

        if (port is < 0 or > MaxMonitorPort)
        {
            logMessage = $"monitor port ({port}) out of range";
            stderrLine = $"{where}: the monitor port must be 1 to {MaxMonitorPort} (port+1 is used too), "
                + "or 0 to turn monitoring off";
            return null;
        }

        return echoPort is { } echo ? new Echo(port, echo) : new Loop(port);
    }

    /// <summary>R55.</summary>
    public sealed record Off : MonitorSpec;

    /// <summary><c>-M port</c> (R15, R46).</summary>
    public sealed record Loop(int WritePort) : MonitorSpec
    {
        public int ReadPort => WritePort + 1;
    }

    /// <summary><c>-M port:echo_port</c> (R15, R49).</summary>
    public sealed record Echo(int WritePort, int EchoPort) : MonitorSpec;

    private static string Forward(int listenPort, int targetPort) =>
        string.Create(CultureInfo.InvariantCulture, $"{listenPort}:{ForwardHost}:{targetPort}");
}
