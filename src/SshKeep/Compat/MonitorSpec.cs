namespace SshKeep.Compat;

/// <summary>autossh's monitor, from <c>-M</c> or <c>AUTOSSH_PORT</c> (spec R8–R13, R46–R56).</summary>
internal abstract record MonitorSpec
{
    private MonitorSpec() { }

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
}
