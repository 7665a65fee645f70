namespace SshKeep.Compat;

/// <summary>autossh's monitor, from <c>-M</c> or <c>AUTOSSH_PORT</c> (spec R8–R13, R46–R56).</summary>
internal abstract record MonitorSpec
{
    /// <summary>autossh 1.4g always forwards to, and tests on, this host (R15; no AUTOSSH_MHOST in the Debian binary).</summary>
    public const string ForwardHost = "127.0.0.1";

    /// <summary>The loop needs port+1 too, so 65534 is the highest monitor port (R12, R95).</summary>
    public const int MaxMonitorPort = 65534;

    private MonitorSpec() { }

    /// <summary>ssh's options for the monitor's forwards (R15), in plain decimal.</summary>
    public IReadOnlyList<string> SshForwards() => this switch
    {
        Loop loop => ["-L", Forward(loop.WritePort, loop.WritePort), "-R", Forward(loop.WritePort, loop.ReadPort)],
        Echo echo => ["-L", Forward(echo.WritePort, echo.EchoPort)],
        _ => [],
    };

    /// <summary><c>port[:echo_port]</c> from <c>-M</c> or <c>AUTOSSH_PORT</c> (R8–R13), checked in autossh's order: the
    /// echo part first, then the port, then its range. Null on failure.</summary>
    /// <param name="source"><c>-M</c> or <c>AUTOSSH_PORT</c>, for the stderr line.</param>
    /// <param name="logMessage">On failure, autossh's message (R10–R12).</param>
    public static MonitorSpec? Parse(string spec, string source, string programName, out string logMessage, out string stderrLine)
    {
        logMessage = "";
        stderrLine = "";
        var where = $"{programName}: invalid {source} {CompatCommandLine.Quote(spec)}";

        // R8: split at the first colon; anything after a second colon is trailing text (R10).
        var colon = spec.IndexOf(':', StringComparison.Ordinal);
        var portText = colon < 0 ? spec : spec[..colon];
        int? echoPort = null;
        if (colon >= 0)
        {
            var echoText = spec[(colon + 1)..];

            // R10: empty, trailing text, or 0 is fatal, even when the port part is 0; base 0 as in autossh (R13).
            // FIX: negative as a C int is refused too (docs/compatibility.md rows 2, 3).
            var (value, complete) = CNumber.ToCInt(CNumber.StrToUL(echoText, 0));
            if (!complete || value <= 0)
            {
                logMessage = $"invalid echo port  \"{echoText}\"";
                stderrLine = $"{where}: the echo port {CompatCommandLine.Quote(echoText)} must be a number greater than 0";
                return null;
            }

            echoPort = value;
        }

        // R11: strtoul stored in an int (low 32 bits), leading white space and a sign accepted.
        // FIX R13: base 10, so forwards and tests use the same port (docs/compatibility.md row 2).
        var (port, portComplete) = CNumber.ToCInt(CNumber.StrToUL(portText, 10));
        if (!portComplete)
        {
            logMessage = $"invalid port \"{portText}\"";
            stderrLine = $"{where}: the monitor port {CompatCommandLine.Quote(portText)} is not a decimal number; "
                + $"expected 1 to {MaxMonitorPort}, or 0 to turn monitoring off";
            return null;
        }

        // R12: 0 (also after truncation, e.g. 4294967296) turns monitoring off.
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

    /// <summary><c>-M 0</c>: no forwards, no listener, no tests (R55).</summary>
    public sealed record Off : MonitorSpec;

    /// <summary><c>-M port</c>: forwards <c>-L port:127.0.0.1:port -R port:127.0.0.1:port+1</c>,
    /// a listener on 127.0.0.1:port+1, and the test message sent round the loop (R46).</summary>
    public sealed record Loop(int WritePort) : MonitorSpec
    {
        public int ReadPort => WritePort + 1;
    }

    /// <summary><c>-M port:echo_port</c>: one forward <c>-L port:127.0.0.1:echo_port</c> to a remote
    /// echo service; the test reads its own message back on the same connection.</summary>
    public sealed record Echo(int WritePort, int EchoPort) : MonitorSpec;

    private static string Forward(int listenPort, int targetPort) =>
        string.Create(CultureInfo.InvariantCulture, $"{listenPort}:{ForwardHost}:{targetPort}");
}
