using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace SshKeep.Tests.Security;

/// <summary>docs/security.md cites a test for every default: each cited class and method exists,
/// so a rename cannot leave a default with a dead citation.</summary>
public sealed partial class SecurityDocTests
{
    [Fact]
    public void Every_test_the_security_page_cites_exists()
    {
        var assembly = typeof(SecurityDocTests).Assembly;
        var cited = 0;
        foreach (var line in Docs().Split('\n').Where(l => l.StartsWith('|')))
        {
            Type? current = null;
            foreach (Match match in Citation().Matches(line))
            {
                var text = match.Groups[1].Value;
                if (text.StartsWith('…'))
                {
                    Assert.True(current is not null, $"`{text}` has no class before it: {line}");
                    AssertMethod(current, text[1..].TrimStart('.'));
                }
                else
                {
                    var parts = text.Split('.');
                    var typeName = "SshKeep.Tests." + parts[0].Replace('/', '.');
                    current = assembly.GetType(typeName);
                    Assert.True(current is not null, $"no test class {typeName} (cited as `{text}`)");
                    if (parts.Length > 1) AssertMethod(current, parts[1]);
                }
                cited++;
            }
        }

        Assert.True(cited >= 30, $"only {cited} citations found; is the page still there?");
    }

    private static void AssertMethod(Type type, string name)
    {
        var methods = type.GetMethods(BindingFlags.Public | BindingFlags.Instance).Select(m => m.Name);
        var found = name.EndsWith('…') ? methods.Any(m => m.StartsWith(name.TrimEnd('…'), StringComparison.Ordinal)) : methods.Contains(name);
        Assert.True(found, $"{type.Name} has no test {name}");
    }

    /// <summary>`Folder/ClassTests`, `Folder/ClassTests.Method`, `…Method` (same class), `Prefix…`.</summary>
    [GeneratedRegex(@"`((?:[A-Z]\w*/[A-Z]\w*Tests(?:\.\w+…?)?)|(?:…\.?\w+…?))`")]
    private static partial Regex Citation();

    private static string Docs([CallerFilePath] string thisFile = "") =>
        File.ReadAllText(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "..", "..", "docs", "security.md"));
}
