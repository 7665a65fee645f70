namespace SshKeep;

/// <summary>Text from outside made safe to show on one line (docs/security.md). Unsafe are C0, DEL, C1 (NEL ends a
/// line, CSI drives a terminal) and U+2028/2029. A backslash stays unless quoted: the escapes are for reading.</summary>
internal static class OneLine
{
    private const string Hex = "0123456789abcdef";

    private static readonly System.Buffers.SearchValues<char> UnsafeChars = System.Buffers.SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Select(i => (char)i), '\u007f', .. Enumerable.Range(0x80, 0x20).Select(i => (char)i), '\u2028', '\u2029']);

    public static string Of(string text, OneLineStyle style = OneLineStyle.Escape)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.AsSpan().ContainsAny(UnsafeChars)) return text;
        var builder = new StringBuilder(text.Length + 16);
        Append(builder, text, style);
        return builder.ToString();
    }

    /// <summary><paramref name="quoted"/> also escapes '"' and '\' (the text goes between double quotes).</summary>
    public static void Append(StringBuilder builder, ReadOnlySpan<char> text, OneLineStyle style = OneLineStyle.Escape, bool quoted = false)
    {
        ArgumentNullException.ThrowIfNull(builder);
        int start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (!UnsafeChars.Contains(c) && !(quoted && c is '"' or '\\')) continue;
            builder.Append(text[start..i]);
            start = i + 1;
            AppendOne(builder, c, style);
        }
        builder.Append(text[start..]);
    }

    public static void Append(StringBuilder builder, Rune rune, OneLineStyle style = OneLineStyle.Escape, bool quoted = false)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (rune.IsBmp && (UnsafeChars.Contains((char)rune.Value) || (quoted && rune.Value is '"' or '\\'))) AppendOne(builder, (char)rune.Value, style);
        else builder.Append(rune.ToString());
    }

    private static void AppendOne(StringBuilder builder, char c, OneLineStyle style)
    {
        switch (style, c)
        {
            case (_, '"'): builder.Append("\\\""); break;
            case (_, '\\'): builder.Append(@"\\"); break;
            case (OneLineStyle.QuestionMark, _): builder.Append('?'); break;
            case (OneLineStyle.Space, _): builder.Append(' '); break;
            case (_, '\n'): builder.Append(@"\n"); break;
            case (_, '\r'): builder.Append(@"\r"); break;
            case (_, '\t'): builder.Append(@"\t"); break;
            case (OneLineStyle.Escape, < '\u0080'):
                builder.Append(@"\x").Append(Hex[c >> 4]).Append(Hex[c & 0xf]);
                break;
            default:
                builder.Append(@"\u").Append(Hex[(c >> 12) & 0xf]).Append(Hex[(c >> 8) & 0xf])
                       .Append(Hex[(c >> 4) & 0xf]).Append(Hex[c & 0xf]);
                break;
        }
    }

    /// <summary>Keeps the line breaks (a refused reload lists each config error on its own line).</summary>
    public static string EachLine(string text, OneLineStyle style)
    {
        ArgumentNullException.ThrowIfNull(text);
        return string.Join('\n', text.Split('\n').Select(line => Of(line, style)));
    }

    /// <summary>A cut ends in '…', never inside a surrogate pair.</summary>
    public static string Cut(string text, int width)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (width < 1) throw new ArgumentOutOfRangeException(nameof(width), width, "Text is cut to at least one character.");
        if (text.Length <= width) return text;
        int keep = width - 1;
        if (keep > 0 && char.IsHighSurrogate(text[keep - 1])) keep--;
        return string.Concat(text.AsSpan(0, keep), "…");
    }
}
