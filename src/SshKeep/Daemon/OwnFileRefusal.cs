namespace SshKeep.Daemon;

/// <summary>Each caller words it in its own message (the pid file's, the log file's).</summary>
internal abstract record OwnFileRefusal
{
    private OwnFileRefusal()
    {
    }

    /// <summary>ELOOP for a symlink, ENXIO for a FIFO nobody reads, EISDIR…</summary>
    public sealed record Failed(int Errno) : OwnFileRefusal;

    public sealed record NotRegularFile : OwnFileRefusal;

    public sealed record OtherOwner(uint Owner, uint Us) : OwnFileRefusal;
}
