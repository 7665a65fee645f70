namespace SshKeep.Ssh;

/// <summary>How <see cref="MuxStdioForward.OpenAsync"/> ended: an open channel, or why there is none.</summary>
internal abstract record MuxStdioOpen
{
    private MuxStdioOpen()
    {
    }

    /// <summary>The server confirmed the channel; the caller owns <paramref name="Channel"/> and must dispose it.</summary>
    public sealed record Opened(MuxStdioChannel Channel) : MuxStdioOpen;

    /// <summary>No channel. <paramref name="Reason"/> is one line, e.g. "no control master at /run/x.ctl
    /// (No such file or directory)", "refused: Session open refused by peer", "no answer within 3s".</summary>
    public sealed record Failed(MuxOpenFailure Kind, string Reason) : MuxStdioOpen;
}
