namespace SshKeep;

/// <summary>docs/exit-codes.md (a test holds the page to this table). Constants, not an enum: compatibility mode
/// passes through numbers that are not ours to name (autossh's 0/1).</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    public const int Failure = 1;

    public const int NoDaemon = 3;

    public const int DaemonUnreachable = 4;

    public const int Usage = 64;

    public const int NoInput = 66;

    public const int Unavailable = 69;

    public const int CannotStart = 71;

    public const int CannotCreate = 73;

    public const int AlreadyRunning = 75;

    public const int NoPermission = 77;

    public const int Config = 78;

    public const int Quit = 131;
}
