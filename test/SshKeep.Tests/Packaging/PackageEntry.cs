using System.Globalization;
using System.Text.RegularExpressions;

namespace SshKeep.Tests.Packaging;

/// <summary>One line of <c>dpkg-deb -c</c>: <c>-rwxr-xr-x root/root 123 2026-12-06 22:47 ./usr/bin/sshkeep</c>,
/// a link with <c> -> TARGET</c> after it.</summary>
public sealed partial record PackageEntry(string Mode, string Owner, long Size, string Path, string? LinkTarget)
{
    public bool IsDirectory => Mode[0] == 'd';

    public static IReadOnlyList<PackageEntry> ParseListing(string listing) =>
        [.. listing.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(Parse)];

    public static PackageEntry Parse(string line)
    {
        var match = Line().Match(line);
        Assert.True(match.Success, $"not a dpkg-deb -c line: {line}");
        string rest = match.Groups["path"].Value;
        string? target = null;
        int arrow = rest.IndexOf(" -> ", StringComparison.Ordinal);
        if (arrow >= 0)
        {
            target = rest[(arrow + 4)..];
            rest = rest[..arrow];
        }
        return new PackageEntry(match.Groups["mode"].Value, match.Groups["owner"].Value,
            long.Parse(match.Groups["size"].Value, CultureInfo.InvariantCulture), rest.TrimStart('.'), target);
    }

    /// <summary>Mode, owner, size, date, time, then the path (which may hold " -> " for a link).</summary>
    [GeneratedRegex(@"^(?<mode>\S+)\s+(?<owner>\S+)\s+(?<size>\d+)\s+\S+\s+\S+\s+(?<path>.+)$")]
    private static partial Regex Line();
}
