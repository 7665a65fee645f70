namespace SshKeep.Daemon;

/// <summary>Why <see cref="OwnFile.TryOpenForWriting"/> refused a path; each caller words it in
/// its own message (the pid file's, the log file's).</summary>
internal abstract record OwnFileRefusal
{
    private OwnFileRefusal()
    {
    }

    /// <summary>open or fstat failed: ELOOP for a symlink, ENXIO for a FIFO nobody reads, EISDIR…</summary>
    public sealed record Failed(int Errno) : OwnFileRefusal;

    /// <summary>Opened, but not a regular file (a FIFO someone reads, a device).</summary>
    public sealed record NotRegularFile : OwnFileRefusal;

    /// <summary>A regular file that belongs to another uid.</summary>
    public sealed record OtherOwner(uint Owner, uint Us) : OwnFileRefusal;
}
