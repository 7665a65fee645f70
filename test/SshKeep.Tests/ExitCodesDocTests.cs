using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace SshKeep.Tests;

/// <summary>docs/exit-codes.md's "Every status, once" lists exactly the statuses of
/// <see cref="ExitCodes"/>, by number and name: the page and the code are one table.</summary>
public sealed partial class ExitCodesDocTests
{
    [Fact]
    public void The_exit_codes_page_lists_every_status_of_the_table_in_code_and_no_other()
    {
        var inCode = typeof(ExitCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .Select(f => $"{(int)f.GetRawConstantValue()!} {f.Name}")
            .Order(StringComparer.Ordinal);
        var page = File.ReadAllText(ExitCodesPage());
        var section = page[page.IndexOf("## Every status, once", StringComparison.Ordinal)..];
        var inDocs = TableRow().Matches(section).Select(m => $"{m.Groups[1].Value} {m.Groups[2].Value}")
            .Order(StringComparer.Ordinal);
        Assert.Equal(inCode, inDocs);
    }

    [Fact]
    public void Every_status_of_the_table_has_its_own_number()
    {
        var numbers = typeof(ExitCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (int)f.GetRawConstantValue()!).ToList();
        Assert.Equal(numbers.Count, numbers.Distinct().Count());
    }

    private static string ExitCodesPage([CallerFilePath] string thisFile = "") =>
        Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "..", "docs", "exit-codes.md");

    [GeneratedRegex(@"^\| (\d+) \| `(\w+)` \|", RegexOptions.Multiline)]
    private static partial Regex TableRow();
}
