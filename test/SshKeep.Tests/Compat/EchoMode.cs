namespace SshKeep.Tests.Compat;

/// <summary>How the in-test echo service (<see cref="ScriptedEchoServer"/>) answers.</summary>
public enum EchoMode
{
    /// <summary>Sends every byte back (RFC 862).</summary>
    Echo,

    /// <summary>Reads and never answers: a frozen tunnel or service.</summary>
    Silent,

    /// <summary>Sends the bytes back with ASCII letters upper-cased.</summary>
    Corrupt,

    /// <summary>Waits for a whole line, then sends it back one byte per <see cref="ScriptedEchoServer.SendNextByte"/> call.</summary>
    Dribble,
}
