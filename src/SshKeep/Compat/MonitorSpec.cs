using System.Globalization;

namespace SshKeep.Compat;

/// <summary>autossh's monitor, from <c>-M</c> or <c>AUTOSSH_PORT</c> (spec R8–R13, R46–R56).</summary>
internal abstract record MonitorSpec
{
    /// <summary>autossh 1.4g always forwards to, and tests on, this host (R15; no AUTOSSH_MHOST in the Debian binary).</summary>
    public const string ForwardHost = "127.0.0.1";

    private MonitorSpec() { }

    /// <summary>ssh's options for the monitor's forwards (R15), in plain decimal.</summary>
    public IReadOnlyList<string> SshForwards() => this switch
    {
        Loop loop => ["-L", Forward(loop.WritePort, loop.WritePort), "-R", Forward(loop.WritePort, loop.ReadPort)],
        Echo echo => ["-L", Forward(echo.WritePort, echo.EchoPort)],
        _ => [],
    };

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
