using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.Win32.SafeHandles;
using SshKeep.Native;

namespace SshKeep.Daemon;

/// <summary>status.json on disk: written atomically (a hidden temporary file, fsync, rename; docs/daemon.md
/// "status.json") and read back by anyone. The directory is not fsync'ed: the run directory is a
/// tmpfs that does not outlive a reboot anyway.</summary>
internal static class StatusFile
{
    /// <summary>0644.</summary>
    public const UnixFileMode Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>Larger files are not status files (a snapshot of a thousand tunnels is about 400 KiB).</summary>
    public const int MaxBytes = 16 * 1024 * 1024;

    /// <summary>The file's content: indented JSON and a final newline.</summary>
    public static byte[] Serialize(StatusSnapshot snapshot) =>
        JsonText.ToUtf8(snapshot, DaemonJsonContext.Default.StatusSnapshot, indented: true);

    /// <summary>Replaces <paramref name="path"/> with <paramref name="snapshot"/> atomically; throws
    /// <see cref="IOException"/> saying what failed (the old file is then left as it was).</summary>
    public static void Write(string path, StatusSnapshot snapshot) => WriteAtomically(path, Serialize(snapshot));

    /// <summary>Reads and parses a status file. A missing file, an unreadable one and one that is
    /// not a snapshot are all <c>false</c> with a reason.</summary>
    public static bool TryRead(string path, [NotNullWhen(true)] out StatusSnapshot? snapshot, [NotNullWhen(false)] out string? error)
    {
        byte[] content;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            if (stream.Length > MaxBytes)
            {
                (snapshot, error) = (null, $"\"{path}\" is larger than {MaxBytes} bytes: not a status file");
                return false;
            }
            content = new byte[stream.Length];
            stream.ReadExactly(content);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            (snapshot, error) = (null, $"cannot read \"{path}\": {e.Message}");
            return false;
        }
        return TryParse(content, out snapshot, out error);
    }

    /// <summary>Parses status.json content.</summary>
    public static bool TryParse(ReadOnlySpan<byte> content, [NotNullWhen(true)] out StatusSnapshot? snapshot, [NotNullWhen(false)] out string? error)
    {
        try
        {
            snapshot = JsonSerializer.Deserialize(content, DaemonJsonContext.Default.StatusSnapshot);
        }
        catch (JsonException e)
        {
            (snapshot, error) = (null, $"not a status snapshot: {e.Message}");
            return false;
        }
        error = snapshot is null ? "not a status snapshot: null" : null;
        return snapshot is not null;
    }

    /// <summary>Removes temporary files a killed writer left beside <paramref name="path"/>. Only
    /// call it while holding the instance lock (they are then certainly ours and dead).</summary>
    public static void RemoveLeftovers(string path)
    {
        string directory = Path.GetDirectoryName(path)!;
        string pattern = "." + Path.GetFileName(path) + ".*.tmp";
        try
        {
            foreach (string leftover in Directory.EnumerateFiles(directory, pattern)) LibC.unlink(leftover);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: a leftover costs a few bytes of tmpfs, never correctness.
        }
    }

    internal static unsafe void WriteAtomically(string path, ReadOnlySpan<byte> content)
    {
        string directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        // Random.Shared, not RandomNumberGenerator: the name only has to be unlikely to clash
        // (O_EXCL refuses a clash, O_NOFOLLOW a planted link), and the cryptographic generator loads
        // OpenSSL, about 5 MB of resident memory in the daemon.
        Span<byte> nonce = stackalloc byte[8];
        Random.Shared.NextBytes(nonce);
        string temporary = Path.Join(directory, $".{Path.GetFileName(path)}.{Convert.ToHexStringLower(nonce)}.tmp");
        int fd = LibC.open(temporary, LibC.O_WRONLY | LibC.O_CREAT | LibC.O_EXCL | LibC.O_NOFOLLOW | LibC.O_CLOEXEC, (uint)Mode);
        if (fd < 0) throw Failure(path, "cannot create a temporary file", Marshal.GetLastPInvokeError());
        bool renamed = false;
        try
        {
            using (var handle = new SafeFileHandle(fd, ownsHandle: true))
            {
                // The umask may have taken bits away; status is for everyone to read.
                if (LibC.fchmod(handle, (uint)Mode) != 0) throw Failure(path, "fchmod", Marshal.GetLastPInvokeError());
                RandomAccess.Write(handle, content, 0);
                if (LibC.fsync(handle) != 0) throw Failure(path, "fsync", Marshal.GetLastPInvokeError());
            }
            if (LibC.rename(temporary, path) != 0) throw Failure(path, "rename", Marshal.GetLastPInvokeError());
            renamed = true;
        }
        finally
        {
            if (!renamed) LibC.unlink(temporary);
        }
    }

    private static IOException Failure(string path, string step, int errno) =>
        new($"cannot write \"{path}\": {step}: {LibC.StrError(errno)}");
}
