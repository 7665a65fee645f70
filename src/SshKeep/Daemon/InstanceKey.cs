using SshKeep.Native;

namespace SshKeep.Daemon;

/// <summary>Names one daemon instance: <c>tunnels-3f2a9c1b7d4e</c> (docs/daemon.md "Run directory").</summary>
internal static class InstanceKey
{
    /// <summary>Keeps socket paths short: sun_path is 108 bytes.</summary>
    public const int MaxStemLength = 24;

    /// <summary>Hex digits of SHA-256 kept (48 bits: a collision needs about 16 million config files).</summary>
    public const int HashLength = 12;

    public static string For(string canonicalConfigPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(canonicalConfigPath);
        byte[] hash = Sha256.HashData(Encoding.UTF8.GetBytes(canonicalConfigPath));
        string hex = Convert.ToHexStringLower(hash)[..HashLength];
        return $"{Stem(canonicalConfigPath)}-{hex}";
    }

    public static string Stem(string configPath)
    {
        var stem = Path.GetFileNameWithoutExtension(configPath).Take(MaxStemLength)
            .Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '_').ToArray();
        return stem.Length == 0 ? "config" : new string(stem);
    }

    /// <summary>So that <c>-c ./tunnels.yaml</c> and <c>-c ~/link-to/tunnels.yaml</c> find the same daemon.</summary>
    public static string Canonicalize(string configPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(configPath);
        string full = Path.GetFullPath(configPath);
        nint resolved = LibC.realpath(full, 0);
        if (resolved == 0) return full;
        try
        {
            return Marshal.PtrToStringUTF8(resolved) ?? full;
        }
        finally
        {
            LibC.free(resolved);
        }
    }
}
