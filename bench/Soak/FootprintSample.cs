namespace SshKeep.Bench.Soak;

/// <summary>The daemon's open descriptors and resident memory at one quiet moment (every tunnel back).</summary>
/// <param name="Label">"start", "after 50 faults", "end".</param>
/// <param name="Tunnels">How many tunnels the file had then (the sixth adds its own descriptors).</param>
/// <param name="FdKinds">The descriptors of the reading with the fewest, by kind ("socket", "pipe",
/// "anon_inode:[eventpoll]", a file's path), so a growth can be told apart.</param>
internal sealed record FootprintSample(string Label, int AfterFaults, int Tunnels, int Fds, long RssKb, IReadOnlyDictionary<string, int> FdKinds)
{
    public double RssMb => RssKb / 1024.0;

    /// <summary>Descriptors of loaded code (assemblies, native libraries and symbol files the runtime maps, one or
    /// two per file, opened once when first used and kept): growth there is warm-up, not a leak.</summary>
    public int CodeFds => FdKinds.Where(k => IsCode(k.Key)).Sum(k => k.Value);

    /// <summary>Every other descriptor: sockets, pipes, event fds, files. These must stay flat.</summary>
    public int OtherFds => Fds - CodeFds;

    public static bool IsCode(string kind) =>
        kind.EndsWith(".dll", StringComparison.Ordinal) || kind.EndsWith(".pdb", StringComparison.Ordinal) || kind.EndsWith(".so", StringComparison.Ordinal) || kind.Contains(".so.", StringComparison.Ordinal);
}
