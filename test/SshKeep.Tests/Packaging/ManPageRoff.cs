using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;

namespace SshKeep.Tests.Packaging;

/// <summary>
/// A man(7) page of packaging/man read as far as the drift tests need: its sections, the terms of
/// its <c>.TP</c> entries, and its text with fonts and escapes removed (what a reader sees, less
/// the layout). Not a roff implementation: only the macros and escapes the pages use.
/// </summary>
internal sealed partial class ManPageRoff
{
    private ManPageRoff(string path, string source)
    {
        Path = path;
        Source = source;
    }

    public string Path { get; }

    public string Source { get; }

    /// <summary>The repository's root, found from this file's place in it.</summary>
    public static string RepositoryRoot([CallerFilePath] string thisFile = "") =>
        System.IO.Path.GetFullPath(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(thisFile)!, "..", "..", ".."));

    public static ManPageRoff Read(string name) =>
        new(System.IO.Path.Combine(RepositoryRoot(), "packaging", "man", name), File.ReadAllText(System.IO.Path.Combine(RepositoryRoot(), "packaging", "man", name)));

    /// <summary>The whole page as text, one output line per source line.</summary>
    public string Text => string.Join('\n', Lines(Source.Split('\n')));

    /// <summary>The text of the <c>.SH</c> section <paramref name="heading"/> (its subsections included).</summary>
    public string Section(string heading) => string.Join('\n', Lines(SectionSource(heading)));

    /// <summary>The term lines of every <c>.TP</c> entry in the section, as text.</summary>
    public IReadOnlyList<string> Terms(string heading)
    {
        var lines = SectionSource(heading);
        var terms = new List<string>();
        for (var i = 0; i + 1 < lines.Count; i++)
            if (lines[i].TrimEnd() == ".TP") terms.Add(Line(lines[i + 1]).Trim());
        return terms;
    }

    /// <summary>The text of the <c>.TP</c> entry whose term starts with <paramref name="term"/>: its
    /// lines up to the next entry, paragraph or heading.</summary>
    public string Entry(string heading, string term)
    {
        var lines = SectionSource(heading);
        var start = Enumerable.Range(0, lines.Count - 1)
            .First(i => lines[i].TrimEnd() == ".TP" && Line(lines[i + 1]).Trim().Split(' ')[0].TrimEnd(':') == term);
        var body = lines.Skip(start + 2).TakeWhile(l => !EntryEnd().IsMatch(l));
        return string.Join(' ', Lines(body));
    }

    /// <summary>The lines between <c>.nf</c> and <c>.fi</c> in the section, as text.</summary>
    public string Preformatted(string heading)
    {
        var lines = SectionSource(heading);
        var start = lines.FindIndex(l => l.TrimEnd() == ".nf");
        var end = lines.FindIndex(start + 1, l => l.TrimEnd() == ".fi");
        return string.Concat(lines.Skip(start + 1).Take(end - start - 1).Select(l => Unescape(l) + "\n"));
    }

    /// <summary>Text as roff source for a no-fill block: what <see cref="Preformatted"/> reads back.</summary>
    public static string EscapePreformatted(string text)
    {
        var roff = new StringBuilder();
        foreach (var rune in text.EnumerateRunes())
        {
            roff.Append(rune.Value switch
            {
                '\\' => @"\e",
                '-' => @"\-",
                < 128 => rune.ToString(),
                _ => string.Create(CultureInfo.InvariantCulture, $@"\[u{rune.Value:X4}]"),
            });
        }

        // A line that starts with . or ' would be a request.
        return ControlCharacterAtLineStart().Replace(roff.ToString(), @"\&$1");
    }

    private List<string> SectionSource(string heading)
    {
        var lines = Source.Split('\n');
        var start = Array.FindIndex(lines, l => l == $".SH {heading}" || l == $".SH \"{heading}\"");
        if (start < 0) throw new InvalidOperationException($"{Path} has no section {heading}");
        var end = Array.FindIndex(lines, start + 1, l => l.StartsWith(".SH ", StringComparison.Ordinal));
        return [.. lines.Skip(start + 1).Take((end < 0 ? lines.Length : end) - start - 1)];
    }

    private static IEnumerable<string> Lines(IEnumerable<string> source) =>
        source.Where(l => !l.StartsWith(".\\\"", StringComparison.Ordinal)).Select(Line);

    /// <summary>One source line as text: a font macro's arguments joined as groff joins them.</summary>
    private static string Line(string line)
    {
        var macro = MacroLine().Match(line);
        if (!macro.Success) return Unescape(line);
        var arguments = Arguments(macro.Groups[2].Value);
        var joined = macro.Groups[1].Value switch
        {
            "B" or "I" or "SH" or "SS" => string.Join(' ', arguments),
            "BR" or "RB" or "BI" or "IB" or "IR" or "RI" => string.Concat(arguments),
            _ => "",
        };
        return Unescape(joined);
    }

    private static List<string> Arguments(string text)
    {
        var arguments = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length)
            {
                current.Append(c).Append(text[++i]);
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ' ' && !quoted)
            {
                if (current.Length > 0) arguments.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        if (current.Length > 0) arguments.Add(current.ToString());
        return arguments;
    }

    private static string Unescape(string roff)
    {
        var text = Escape().Replace(roff, m => m.Value switch
        {
            @"\-" => "-",
            @"\e" => "\\",
            @"\(dq" => "\"",
            @"\(aq" => "'",
            @"\(lq" or @"\(rq" => "\"",
            @"\(bu" => "*",
            @"\(mu" => "x",
            @"\(em" => "--",
            var v when v.StartsWith(@"\[u", StringComparison.Ordinal) =>
                char.ConvertFromUtf32(int.Parse(v[3..^1], NumberStyles.HexNumber, CultureInfo.InvariantCulture)),
            _ => "", // \&, \c, \fB, \fI, \fR, \fP
        });
        return text;
    }

    [GeneratedRegex(@"^\.([A-Z]{1,2})(?:\s+(.*))?$")]
    private static partial Regex MacroLine();

    [GeneratedRegex(@"\\(?:-|e|&|c|f[BIRP]|\([a-z]{2}|\[u[0-9A-F]{4,5}\])")]
    private static partial Regex Escape();

    [GeneratedRegex(@"^\.(TP|PP|SH|SS|RS|RE|IP)\b")]
    private static partial Regex EntryEnd();

    [GeneratedRegex(@"^([.'])", RegexOptions.Multiline)]
    private static partial Regex ControlCharacterAtLineStart();
}
