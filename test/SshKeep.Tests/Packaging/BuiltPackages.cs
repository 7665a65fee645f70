using System.Runtime.CompilerServices;
using SshKeep.Cli;

namespace SshKeep.Tests.Packaging;

/// <summary>
/// The Debian packages <c>./run.sh package</c> wrote (docs/packaging.md), found through
/// <c>SSHKEEP_TEST_DEB_DIR</c>, which test.sh sets after building them. Without it, the tests that
/// read them are skipped (<see cref="BuiltPackageFactAttribute"/>); with it, a missing package fails.
/// </summary>
public static class BuiltPackages
{
    public const string Variable = "SSHKEEP_TEST_DEB_DIR";

    public static readonly string[] Architectures = ["amd64", "arm64"];

    /// <summary>Why the package tests cannot run, as a skip reason; null when they can.</summary>
    public static string? WhyNot =>
        Directory is null ? $"needs {Variable}, the folder of ./run.sh package's .debs (test.sh sets it after building them)" : null;

    public static string? Directory => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } folder ? Path.GetFullPath(folder) : null;

    /// <summary>The product's version, which names the packages.</summary>
    public static string Version => DaemonHost.Version;

    /// <summary>dist/sshkeep_VERSION_ARCH.deb; fails the test when it is not there.</summary>
    public static string PathFor(string architecture)
    {
        string path = Path.Combine(Directory ?? throw new InvalidOperationException(WhyNot), $"sshkeep_{Version}_{architecture}.deb");
        Assert.True(File.Exists(path), $"{path} is missing: run ./run.sh package");
        return path;
    }

    /// <summary>A file of the repository (packaging/…, docs/…), from this source file's place.</summary>
    public static string RepositoryFile(string relative, [CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "..", "..", relative));
}
