using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using SshKeep.Daemon;

namespace SshKeep.Tests.Daemon;

/// <summary>Reads status.json back as any reader would (the CLI asks the socket instead).</summary>
internal static class StatusFileReader
{
    /// <summary>Larger files are not status files (a snapshot of a thousand tunnels is about 400 KiB).</summary>
    public const int MaxBytes = 16 * 1024 * 1024;

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
}
