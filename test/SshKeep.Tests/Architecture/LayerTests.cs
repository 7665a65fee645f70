using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace SshKeep.Tests.Architecture;

/// <summary>
/// The folders of src/SshKeep are layers (docs/architecture.md): a folder uses only folders on a
/// lower row of <see cref="Layers"/>, so there is no cycle. "Uses" is read from the source the way
/// a reader sees it: a <c>using SshKeep.X</c> line or a qualified <c>SshKeep.X.</c> name outside
/// a comment, in any file under the folder.
/// </summary>
public sealed partial class LayerTests
{
    /// <summary>Bottom row first; the same rows as the picture in docs/architecture.md.</summary>
    private static readonly string[][] Layers =
    [
        ["Native", "Logging"],
        ["Config"],
        ["Ssh"],
        ["Health"],
        ["Forwarding"],
        ["Supervision"],
        ["Hooks"],
        ["Daemon"],
        ["Status"],
        ["Metrics", "History"],
        ["Web"],
        ["Compat"],
        ["Demo"],
        ["Cli"],
    ];

    /// <summary>The files at the root (ExitCodes, OneLine, KebabName, DurationText, …) are the
    /// house conventions in code: every folder may use them, so they may use no folder; only
    /// Program.cs, the entry, calls into Cli.</summary>
    [Fact]
    public void The_conventions_at_the_root_use_no_folder()
    {
        var uses = Directory.GetFiles(SourceRoot(), "*.cs")
            .Where(file => Path.GetFileName(file) != "Program.cs")
            .SelectMany(file => File.ReadAllLines(file).Select((line, i) => (line, where: $"{Path.GetFileName(file)}:{i + 1}")))
            .Where(l => !l.line.TrimStart().StartsWith("namespace ", StringComparison.Ordinal) && !l.line.TrimStart().StartsWith("//", StringComparison.Ordinal))
            .Where(l => FolderName().IsMatch(l.line))
            .Select(l => l.where);

        Assert.Empty(uses);
    }

    [Fact]
    public void Every_folder_of_the_program_has_a_row_in_the_layer_table()
    {
        var unplaced = Directory.GetDirectories(SourceRoot())
            .Where(folder => Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories).Any())
            .Select(Path.GetFileName)
            .Where(name => name is not ("bin" or "obj") && RowOf(name!) is null)
            .ToList();
        Assert.True(unplaced.Count == 0, $"folders with no row in the layer table: {string.Join(", ", unplaced)} (add them to LayerTests.Layers and docs/architecture.md)");
    }

    [Fact]
    public void A_folder_uses_only_folders_on_lower_rows()
    {
        var wrong = Uses()
            .Where(use => RowOf(use.From) is { } from && RowOf(use.To) is { } to && to >= from)
            .Select(use => $"{use.From} uses {use.To} ({use.Where}), which is not on a lower row")
            .Distinct()
            .ToList();
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public void The_folder_graph_has_no_cycle()
    {
        var edges = Uses().GroupBy(use => use.From).ToDictionary(g => g.Key, g => g.Select(use => use.To).ToHashSet());
        var cycle = FindCycle(edges);
        Assert.True(cycle is null, $"the folders use each other in a cycle: {string.Join(" → ", cycle ?? [])}");
    }

    [Fact]
    public void The_picture_in_the_docs_has_the_rows_of_the_table()
    {
        var doc = File.ReadAllText(Path.Combine(SourceRoot(), "..", "..", "docs", "architecture.md"));
        var picture = doc[doc.IndexOf("<!-- layers -->", StringComparison.Ordinal)..];
        picture = picture[..picture.IndexOf("\n```\n", picture.IndexOf("```", StringComparison.Ordinal) + 3, StringComparison.Ordinal)];
        var folders = Layers.SelectMany(row => row).ToHashSet();
        var rows = picture.Split('\n')
            .Where(line => line.StartsWith("| ", StringComparison.Ordinal))
            .Select(line => line[2..].Split(' ', StringSplitOptions.RemoveEmptyEntries).TakeWhile(folders.Contains).ToArray())
            .Where(row => row.Length > 0)
            .Reverse()
            .Select(row => string.Join(" ", row));
        Assert.Equal(Layers.Select(row => string.Join(" ", row)), rows);
    }

    private static int? RowOf(string folder)
    {
        for (int row = 0; row < Layers.Length; row++)
            if (Layers[row].Contains(folder)) return row;
        return null;
    }

    private sealed record Use(string From, string To, string Where);

    private static List<Use> Uses()
    {
        var root = SourceRoot();
        var uses = new List<Use>();
        foreach (var folder in Directory.GetDirectories(root))
        {
            var from = Path.GetFileName(folder);
            if (from is "bin" or "obj") continue;
            foreach (var file in Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories))
            {
                var lines = File.ReadAllLines(file);
                for (int i = 0; i < lines.Length; i++)
                {
                    var code = lines[i];
                    int comment = code.IndexOf("//", StringComparison.Ordinal);
                    if (comment >= 0) code = code[..comment];
                    if (code.TrimStart().StartsWith("namespace ", StringComparison.Ordinal)) continue;
                    foreach (Match match in FolderName().Matches(code))
                    {
                        var to = match.Groups[1].Value;
                        if (to != from) uses.Add(new Use(from, to, $"{Path.GetRelativePath(root, file)}:{i + 1}"));
                    }
                }
            }
        }
        return uses;
    }

    private static List<string>? FindCycle(Dictionary<string, HashSet<string>> edges)
    {
        var done = new HashSet<string>();
        var path = new List<string>();
        List<string>? Visit(string node)
        {
            if (path.IndexOf(node) is var at and >= 0) return [.. path[at..], node];
            if (!done.Add(node)) return null;
            path.Add(node);
            foreach (var next in edges.GetValueOrDefault(node) ?? [])
                if (Visit(next) is { } cycle) return cycle;
            path.RemoveAt(path.Count - 1);
            return null;
        }
        return edges.Keys.Select(Visit).FirstOrDefault(cycle => cycle is not null);
    }

    private static string SourceRoot([CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "..", "..", "src", "SshKeep"));

    /// <summary><c>using SshKeep.X</c>, <c>using static SshKeep.X.Y</c>, <c>global::SshKeep.X.Y</c> or <c>SshKeep.X.Y</c>.</summary>
    [GeneratedRegex(@"(?<![\w.])SshKeep\.(\w+)\b")]
    private static partial Regex FolderName();
}
