namespace SshKeep.Ssh;

internal abstract record MuxStdioOpen
{
    private MuxStdioOpen() { }

    /// <summary>The server confirmed the channel; the caller disposes it.</summary>
    public sealed record Opened(MuxStdioChannel Channel) : MuxStdioOpen;

    /// <summary><paramref name="Reason"/> is one line, e.g. "refused: Session open refused by peer".</summary>
    public sealed record Failed(MuxOpenFailure Kind, string Reason) : MuxStdioOpen;
}
