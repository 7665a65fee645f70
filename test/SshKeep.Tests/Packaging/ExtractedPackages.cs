using SshKeep.Tests.Integration.Infrastructure;

namespace SshKeep.Tests.Packaging;

/// <summary>
/// Both built packages unpacked once for a test class (<c>dpkg-deb -x</c> into a temp folder), with
/// their file lists (<c>dpkg-deb -c</c>) and control fields (<c>dpkg-deb -f</c>). Does nothing
/// when the packages are not there: the tests are skipped then.
/// </summary>
public sealed class ExtractedPackages : IAsyncLifetime
{
    private readonly Dictionary<string, Unpacked> _packages = [];
    private string? _temp;

    public Unpacked this[string architecture] => _packages[architecture];

    public async Task InitializeAsync()
    {
        if (BuiltPackages.WhyNot is not null) return;
        _temp = System.IO.Directory.CreateTempSubdirectory("sshkeep-deb-").FullName;
        foreach (string architecture in BuiltPackages.Architectures)
        {
            string deb = BuiltPackages.PathFor(architecture);
            string root = Path.Combine(_temp, architecture);
            await Run.SuccessfullyAsync("dpkg-deb", ["-x", deb, root]);
            var listing = await Run.SuccessfullyAsync("dpkg-deb", ["-c", deb]);
            var fields = await Run.SuccessfullyAsync("dpkg-deb", ["-f", deb]);
            _packages[architecture] = new Unpacked(deb, root, PackageEntry.ParseListing(listing.StandardOutput), ParseFields(fields.StandardOutput));
        }
    }

    public Task DisposeAsync()
    {
        if (_temp is not null) System.IO.Directory.Delete(_temp, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>deb-control(5) fields; a continuation line (leading space) belongs to the field above.</summary>
    private static Dictionary<string, string> ParseFields(string text)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        string? last = null;
        foreach (string line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line[0] is ' ' or '\t' && last is not null)
            {
                fields[last] += "\n" + line;
                continue;
            }
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            last = line[..colon];
            fields[last] = line[(colon + 1)..].Trim();
        }
        return fields;
    }

    /// <summary>One unpacked package: the .deb, where it was unpacked, its entries and its fields.</summary>
    public sealed record Unpacked(string Deb, string Root, IReadOnlyList<PackageEntry> Entries, IReadOnlyDictionary<string, string> Fields)
    {
        public string File(string packagePath) => Path.Combine(Root, packagePath.TrimStart('/'));
    }
}
