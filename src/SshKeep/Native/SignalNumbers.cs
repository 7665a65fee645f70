namespace SshKeep.Native;

/// <summary>Linux signal numbers (x86-64 and arm64 agree), the one table of them.</summary>
internal static class SignalNumbers
{
    public const int SIGHUP = 1;
    public const int SIGINT = 2;
    public const int SIGQUIT = 3;
    public const int SIGKILL = 9;
    public const int SIGUSR1 = 10;
    public const int SIGUSR2 = 12;
    public const int SIGALRM = 14;
    public const int SIGTERM = 15;
    public const int SIGCONT = 18;
    public const int SIGSTOP = 19;
}
