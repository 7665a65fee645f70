namespace SshKeep.Health;

/// <summary>/proc/net/tcp and tcp6 (proc(5)): inodes and owners, which IPGlobalProperties lacks; bad lines are skipped.</summary>
internal static class TcpSocketTable
{
    /// <summary>Every TCP socket of <paramref name="pid"/>'s network namespace (default ours) that could be read.</summary>
    public static IReadOnlyList<TcpSocket> Read(int? pid = null, string procRoot = "/proc") =>
        [.. Rows(pid is { } p ? Path.Combine(procRoot, p.ToString(CultureInfo.InvariantCulture), "net") : Path.Combine(procRoot, "net"))];

    /// <summary>The uid of a local TCP connection's other end (as <c>ss -tpe</c>); null when not in this namespace's table.</summary>
    public static uint? OwnerOfPeer(IPEndPoint peer, IPEndPoint us, string procRoot = "/proc")
    {
        ArgumentNullException.ThrowIfNull(peer);
        ArgumentNullException.ThrowIfNull(us);
        var (from, to) = (Plain(peer), Plain(us));
        // Lazily, stopping at the match: the tables can be long and this runs once per connection.
        foreach (var socket in Rows(Path.Combine(procRoot, "net")))
        {
            if (Plain(socket.Local).Equals(from) && Plain(socket.Remote).Equals(to)) return socket.Uid;
        }
        return null;
    }

    /// <summary>::ffff:a.b.c.d (as /proc/net/tcp6 can show it) as IPv4.</summary>
    public static IPEndPoint Plain(IPEndPoint endpoint) =>
        endpoint.Address.IsIPv4MappedToIPv6 ? new IPEndPoint(endpoint.Address.MapToIPv4(), endpoint.Port) : endpoint;

    private static IEnumerable<TcpSocket> Rows(string net) =>
        ReadLinesOrNone(Path.Combine(net, "tcp")).Concat(ReadLinesOrNone(Path.Combine(net, "tcp6")));

    /// <summary>Lazily; ends quietly where the file cannot be read (gone, no IPv6, not ours).</summary>
    private static IEnumerable<TcpSocket> ReadLinesOrNone(string path)
    {
        IEnumerator<string> lines;
        try { lines = File.ReadLines(path).GetEnumerator(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { yield break; }

        using (lines)
        {
            while (true)
            {
                TcpSocket? socket;
                try
                {
                    if (!lines.MoveNext()) yield break;
                    socket = ParseLine(lines.Current);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    yield break;
                }

                if (socket is not null) yield return socket;
            }
        }
    }

    /// <summary>"  1: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000  0 12345 1 …", or null.</summary>
    private static TcpSocket? ParseLine(string line)
    {
        var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 10 || !fields[0].EndsWith(':')) return null;
        if (!TryParseEndpoint(fields[1], out var local) || !TryParseEndpoint(fields[2], out var remote)) return null;
        if (!byte.TryParse(fields[3], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var state) || state == 0) return null;
        if (!int.TryParse(fields[6], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var retransmits)) return null;
        if (!uint.TryParse(fields[7], NumberStyles.None, CultureInfo.InvariantCulture, out var uid)) return null;
        if (!ulong.TryParse(fields[9], NumberStyles.None, CultureInfo.InvariantCulture, out var inode)) return null;
        return new TcpSocket(local, remote, (TcpSocketState)state, retransmits, uid, inode);
    }

    /// <summary>"0100007F:1F90" (v4) or 32 hex digits ":" port (v6): each word's network-order bytes as a host-order
    /// integer, so writing it back in host order gives the bytes.</summary>
    private static bool TryParseEndpoint(string text, out IPEndPoint endpoint)
    {
        endpoint = null!;
        var colon = text.IndexOf(':');
        if (colon < 0 || colon != text.LastIndexOf(':')) return false;
        var hex = text.AsSpan(0, colon);
        if (hex.Length is not (8 or 32)) return false;
        if (!ushort.TryParse(text.AsSpan(colon + 1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var port)) return false;
        Span<byte> bytes = stackalloc byte[hex.Length / 2];
        for (var word = 0; word < hex.Length / 8; word++)
        {
            if (!uint.TryParse(hex.Slice(word * 8, 8), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value)) return false;
            if (BitConverter.IsLittleEndian) BinaryPrimitives.WriteUInt32LittleEndian(bytes[(word * 4)..], value);
            else BinaryPrimitives.WriteUInt32BigEndian(bytes[(word * 4)..], value);
        }
        endpoint = new IPEndPoint(new IPAddress(bytes), port);
        return true;
    }
}
