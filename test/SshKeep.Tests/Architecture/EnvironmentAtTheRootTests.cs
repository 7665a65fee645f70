using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace SshKeep.Tests.Architecture;

/// <summary>
/// docs/conventions.md rule 17: the process's environment is read at the composition root
/// (<c>Cli/</c> and <c>Program.cs</c>) and handed down as values; no other file of src/SshKeep
/// reads it. Read from the source, outside comments.
/// </summary>
public sealed partial class EnvironmentAtTheRootTests
{
    /// <summary>The files that still read it, each with the reason, as docs/conventions.md lists them.
    /// A file leaves this list when it stops; the test fails until it does.</summary>
    private static readonly string[] NotYet =
    [
        "Demo/DemoTools.cs",     // PATH for the fixtures that tests and benchmarks build too
        "Demo/ThrowawaySshd.cs", // the user name to log in as
        "Native/PosixSpawn.cs",  // the environment a child inherits
    ];

    [Fact]
    public void Only_the_composition_root_reads_the_process_environment()
    {
        var root = SourceRoot();
        var readers = Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(root, file).Replace('\\', '/'))
            .Where(file => !file.StartsWith("Cli/", StringComparison.Ordinal) && file != "Program.cs" &&
                           !file.StartsWith("bin/", StringComparison.Ordinal) && !file.StartsWith("obj/", StringComparison.Ordinal))
            .Where(file => File.ReadLines(Path.Combine(root, file)).Any(line => !line.TrimStart().StartsWith("//", StringComparison.Ordinal) && EnvironmentRead().IsMatch(line)))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Equal(NotYet.Order(StringComparer.Ordinal), readers);
    }

    [Theory]
    [InlineData("var p = Environment.GetEnvironmentVariable(\"PATH\");", true)]
    [InlineData("foreach (DictionaryEntry e in System.Environment.GetEnvironmentVariables())", true)]
    [InlineData("public string User { get; } = Environment.UserName;", true)]
    [InlineData("Home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),", true)]
    [InlineData("var home = environment.GetValueOrDefault(\"HOME\");", false)]
    [InlineData("Environment.SetEnvironmentVariable(\"X\", null);", false)]
    [InlineData("int pid = Environment.ProcessId;", false)]
    public void The_scan_knows_a_read_when_it_sees_one(string line, bool expected) =>
        Assert.Equal(expected, EnvironmentRead().IsMatch(line));

    private static string SourceRoot([CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "..", "..", "src", "SshKeep"));

    [GeneratedRegex(@"\bEnvironment\.(GetEnvironmentVariables?|UserName|GetFolderPath|ExpandEnvironmentVariables)\b")]
    private static partial Regex EnvironmentRead();
}
