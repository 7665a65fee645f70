namespace SshKeep.Tests.Compat;

/// <summary>How the in-test tunnel (<see cref="LoopRelay"/>) treats the monitor's traffic.</summary>
public enum RelayMode
{
    /// <summary>A working <c>-L wp</c> / <c>-R wp → wp+1</c> loop: bytes go through unchanged.</summary>
    Pass,

    /// <summary>The tunnel froze after the read connection was made: bytes are swallowed.</summary>
    Swallow,

    /// <summary>Bytes go through with ASCII letters upper-cased.</summary>
    Corrupt,

    /// <summary>The tunnel froze before reaching the far side: no read connection is ever made.</summary>
    NoReadConnection,
}
