using System.Globalization;
using System.Text;

namespace SshKeep.Config;

/// <summary>Small text helpers shared by the loader's messages: quoting values and joining key paths.</summary>
internal static class ConfigText
{
    /// <summary>Longest quoted value in a message; a hostile file must not make one error line huge.</summary>
    private const int MaxQuoted = 80;

    /// <summary>The value in double quotes with control characters escaped, so that a newline or
    /// a NUL in the file cannot break the one-line-per-error output.</summary>
    public static string Quote(string value)
    {
        var builder = new StringBuilder(Math.Min(value.Length, MaxQuoted) + 8).Append('"');
        foreach (var rune in value.EnumerateRunes())
        {
            if (builder.Length > MaxQuoted)
            {
                builder.Append('…');
                break;
            }

            switch (rune.Value)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (Rune.IsControl(rune) || rune.Value is 0x2028 or 0x2029)
                    {
                        builder.Append(CultureInfo.InvariantCulture, $"\\u{rune.Value:x4}");
                    }
                    else
                    {
                        builder.Append(rune.ToString());
                    }

                    break;
            }
        }

        return builder.Append('"').ToString();
    }

    /// <summary>The text with every control character (C0, DEL, C1) and line separator written as
    /// <c>\uXXXX</c> (<c>\n</c>, <c>\r</c>, <c>\t</c> for those), so that a key or alias name
    /// taken from a hostile file cannot break an error over two lines or drive a terminal; the
    /// same text when there is nothing to escape.</summary>
    public static string Printable(string text)
    {
        if (!text.Any(c => char.IsControl(c) || c is '\u2028' or '\u2029')) return text;
        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            switch (c)
            {
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (char.IsControl(c) || c is '\u2028' or '\u2029') builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
                    else builder.Append(c);
                    break;
            }
        }

        return builder.ToString();
    }

    /// <summary>A key in backticks, as messages name keys and ssh options.</summary>
    public static string Key(string key) => $"`{key}`";

    public static string Child(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    public static string Item(string path, int index) => string.Create(CultureInfo.InvariantCulture, $"{path}[{index}]");

    /// <summary>True when the text holds a character no key of the file accepts (newline, tab, NUL,
    /// DEL…): such a value would reach ssh's argv or a log line.</summary>
    public static bool HasControl(string value) => value.Any(char.IsControl);

    public static string Seconds(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Plural(int count, string one, string many) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {(count == 1 ? one : many)}");
}
