namespace SshKeep.Compat;

/// <summary>Which step of setting up autossh's monitor failed (spec R46, R48).</summary>
internal enum MonitorOpenStep
{
    /// <summary><c>socket: &lt;reason&gt;</c></summary>
    Socket,

    /// <summary><c>setsockopt: &lt;reason&gt;</c> (SO_REUSEADDR)</summary>
    SetSocketOption,

    /// <summary><c>bind on 127.0.0.1:&lt;wp+1&gt;: &lt;reason&gt;</c></summary>
    Bind,

    /// <summary><c>listen: &lt;reason&gt;</c></summary>
    Listen,

    /// <summary><c>conn_test: buffer overflow</c>: the test line cannot fit autossh's buffer.</summary>
    MessageTooLong,
}
