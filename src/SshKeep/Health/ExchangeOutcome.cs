namespace SshKeep.Health;

/// <summary>How one send-and-receive attempt of a test ended (autossh's conn_send_and_receive, spec R49 step 5).</summary>
internal enum ExchangeOutcome
{
    /// <summary>The expected number of bytes arrived, or EOF came first (short data then fails the comparison).</summary>
    Completed,

    /// <summary>A wait exceeded the network timeout T: the attempt is over, the next one may run.</summary>
    TimedOut,

    /// <summary>An I/O error or an interruption (R76): the test fails.</summary>
    Failed,

    /// <summary>The black-hole guard gave up (already logged): the test fails.</summary>
    TooManyLoops,
}
