using SshKeep.Native;

namespace SshKeep.Daemon;

/// <summary>Names one daemon instance in the run directory (docs/daemon.md "Run directory"): the
/// config file's name for people reading <c>ls</c>, and a hash of its canonical path so two config
/// files with the same name never share a lock, socket or status file: <c>tunnels-3f2a9c1b7d4e</c>.</summary>
internal static class InstanceKey
{
    /// <summary>Longest part of the key taken from the file name (keeps socket paths short: sun_path is 108 bytes).</summary>
    public const int MaxStemLength = 24;

    /// <summary>Hex digits of SHA-256 kept (48 bits: a collision needs about 16 million config files).</summary>
    public const int HashLength = 12;

    /// <summary>The key for a config path, which should already be canonical (<see cref="Canonicalize"/>).</summary>
    public static string For(string canonicalConfigPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(canonicalConfigPath);
        byte[] hash = Sha256.HashData(Encoding.UTF8.GetBytes(canonicalConfigPath));
        string hex = Convert.ToHexStringLower(hash)[..HashLength];
        return $"{Stem(canonicalConfigPath)}-{hex}";
    }

    /// <summary>The readable part: the file name without extension, others than letters, digits,
    /// '.', '_' and '-' as '_', at most <see cref="MaxStemLength"/>; "config" when nothing is left.</summary>
    public static string Stem(string configPath)
    {
        string name = Path.GetFileNameWithoutExtension(configPath);
        var stem = new StringBuilder(Math.Min(name.Length, MaxStemLength));
        foreach (char c in name)
        {
            if (stem.Length == MaxStemLength) break;
            stem.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '_');
        }
        return stem.Length == 0 ? "config" : stem.ToString();
    }

    /// <summary>The absolute path, with symlinks resolved when the file exists (realpath), so that
    /// <c>-c ./tunnels.yaml</c> and <c>-c ~/link-to/tunnels.yaml</c> find the same daemon.</summary>
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
