using SshKeep.Cli;

namespace SshKeep.Tests.Packaging;

/// <summary>
/// What each built package holds and declares (docs/packaging.md, "What goes where"), read with
/// dpkg-deb from the .debs ./run.sh package wrote, for both architectures.
/// </summary>
public sealed class PackageContentsTests(ExtractedPackages packages) : IClassFixture<ExtractedPackages>
{
    /// <summary>ELF e_machine: EM_X86_64 and EM_AARCH64.</summary>
    private static readonly Dictionary<string, int> ElfMachine = new() { ["amd64"] = 62, ["arm64"] = 183 };

    /// <summary>Every file and link the package must hold, from the repository: the fixed ones, the
    /// examples, and the man pages and completion that packaging/ has.</summary>
    private static SortedSet<string> ExpectedFiles()
    {
        var expected = new SortedSet<string>(StringComparer.Ordinal)
        {
            "/usr/bin/sshkeep",
            "/usr/bin/autossh",
            "/usr/lib/systemd/system/sshkeep.service",
            "/usr/lib/systemd/system/sshkeep@.service",
            "/usr/share/doc/sshkeep/changelog.gz",
            "/usr/share/doc/sshkeep/copyright",
            "/usr/share/lintian/overrides/sshkeep",
        };
        foreach (string example in Directory.EnumerateFiles(BuiltPackages.RepositoryFile("docs/examples")))
            expected.Add($"/usr/share/doc/sshkeep/examples/{Path.GetFileName(example)}");
        string man = BuiltPackages.RepositoryFile("packaging/man");
        if (Directory.Exists(man))
        {
            foreach (string page in Directory.EnumerateFiles(man).Where(p => Path.GetExtension(p) is [_, >= '1' and <= '8']))
                expected.Add($"/usr/share/man/man{Path.GetExtension(page)[1]}/{Path.GetFileName(page)}.gz");
            if (File.Exists(Path.Combine(man, "sshkeep.1"))) expected.Add("/usr/share/man/man1/autossh.1.gz");
        }
        if (File.Exists(BuiltPackages.RepositoryFile("packaging/completion/sshkeep"))) expected.Add("/usr/share/bash-completion/completions/sshkeep");
        return expected;
    }

    [BuiltPackageTheory]
    [InlineData("amd64")]
    [InlineData("arm64")]
    public void The_package_holds_exactly_the_program_its_names_units_docs_man_pages_and_completion(string architecture)
    {
        var files = packages[architecture].Entries.Where(e => !e.IsDirectory).Select(e => e.Path);

        Assert.Equal(ExpectedFiles(), new SortedSet<string>(files, StringComparer.Ordinal));
    }

    [BuiltPackageTheory]
    [InlineData("amd64")]
    [InlineData("arm64")]
    public void Everything_belongs_to_root_the_program_is_executable_and_every_other_file_is_0644(string architecture)
    {
        foreach (var entry in packages[architecture].Entries)
        {
            Assert.Equal("root/root", entry.Owner);
            string expected = entry.IsDirectory || entry.Path == "/usr/bin/sshkeep" ? "rwxr-xr-x" : entry.LinkTarget is null ? "rw-r--r--" : "rwxrwxrwx";
            Assert.True(entry.Mode[1..] == expected, $"{entry.Path}: mode {entry.Mode}, expected {expected}");
        }
    }

    [BuiltPackageTheory]
    [InlineData("amd64", "/usr/bin/autossh", "sshkeep")]
    [InlineData("arm64", "/usr/bin/autossh", "sshkeep")]
    [InlineData("amd64", "/usr/share/man/man1/autossh.1.gz", "sshkeep.1.gz")]
    public void Autossh_and_its_man_page_are_links_to_sshkeeps(string architecture, string path, string target)
    {
        if (path.Contains("/man/", StringComparison.Ordinal) && !File.Exists(BuiltPackages.RepositoryFile("packaging/man/sshkeep.1"))) return;

        Assert.Equal(target, Assert.Single(packages[architecture].Entries, e => e.Path == path).LinkTarget);
    }

    [BuiltPackageTheory]
    [InlineData("amd64")]
    [InlineData("arm64")]
    public void The_program_is_one_native_executable_for_the_packages_architecture(string architecture)
    {
        byte[] header = new byte[20];
        using (var program = File.OpenRead(packages[architecture].File("/usr/bin/sshkeep")))
        {
            program.ReadExactly(header);
        }

        Assert.Equal("\u007fELF"u8.ToArray(), header[..4]);
        Assert.Equal(ElfMachine[architecture], BitConverter.ToUInt16(header, 18));
        // Native AOT: one file, no managed assemblies or debug symbols beside it.
        Assert.DoesNotContain(packages[architecture].Entries, e => e.Path.EndsWith(".dll", StringComparison.Ordinal) || e.Path.EndsWith(".dbg", StringComparison.Ordinal));
    }

    [BuiltPackageTheory]
    [InlineData("amd64", "Package", "sshkeep")]
    [InlineData("arm64", "Package", "sshkeep")]
    [InlineData("amd64", "Architecture", "amd64")]
    [InlineData("arm64", "Architecture", "arm64")]
    [InlineData("amd64", "Provides", "autossh")]
    [InlineData("amd64", "Conflicts", "autossh")]
    [InlineData("amd64", "Replaces", "autossh")]
    [InlineData("arm64", "Provides", "autossh")]
    [InlineData("arm64", "Conflicts", "autossh")]
    [InlineData("arm64", "Replaces", "autossh")]
    [InlineData("amd64", "Section", "net")]
    [InlineData("amd64", "Priority", "optional")]
    public void The_control_field_has_its_value(string architecture, string field, string value)
    {
        Assert.Equal(value, packages[architecture].Fields[field]);
    }

    [BuiltPackageTheory]
    [InlineData("amd64")]
    [InlineData("arm64")]
    public void The_version_is_the_products_and_the_package_depends_on_libc_and_the_ssh_client(string architecture)
    {
        var fields = packages[architecture].Fields;

        Assert.Equal(BuiltPackages.Version, fields["Version"]);
        Assert.Matches(@"^libc6 \(>= 2\.\d+\), openssh-client$", fields["Depends"]);
        Assert.True(int.Parse(fields["Installed-Size"], System.Globalization.CultureInfo.InvariantCulture) > 1000, $"Installed-Size: {fields["Installed-Size"]}");
    }

    [BuiltPackageTheory]
    [InlineData("amd64")]
    [InlineData("arm64")]
    public void The_units_are_the_ones_install_services_code_renders(string architecture)
    {
        foreach (var (name, text) in PackagedUnits.All)
        {
            Assert.Equal(text, File.ReadAllText(packages[architecture].File($"/usr/lib/systemd/system/{name}")));
        }
    }

    [BuiltPackageFact]
    public void The_examples_are_the_repositorys()
    {
        foreach (string example in Directory.EnumerateFiles(BuiltPackages.RepositoryFile("docs/examples")))
        {
            Assert.Equal(File.ReadAllText(example), File.ReadAllText(packages["amd64"].File($"/usr/share/doc/sshkeep/examples/{Path.GetFileName(example)}")));
        }
    }
}
