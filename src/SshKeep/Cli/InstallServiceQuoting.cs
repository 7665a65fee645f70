using System.Globalization;
using System.Text;

namespace SshKeep.Cli;

/// <summary>Values a unit file reads back unchanged (systemd.service(5) "Command lines"; systemd.unit(5) "Specifiers").</summary>
internal static class InstallServiceQuoting
{
    /// <summary>One ExecStart= word: '%' and '$' doubled; quoted with C escapes when it has white space, quotes, a
    /// backslash or a control character, or is empty or a lone ';' (a command separator to old versions).</summary>
    public static string ExecWord(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        bool quote = word.Length == 0 || word == ";";
        var builder = new StringBuilder(word.Length + 8);
        foreach (char c in word)
        {
            switch (c)
            {
                case '%': builder.Append("%%"); break;
                case '$': builder.Append("$$"); break;
                case '\\': builder.Append(@"\\"); quote = true; break;
                case '"': builder.Append("\\\""); quote = true; break;
                case '\'': builder.Append("\\'"); quote = true; break;
                case '\n': builder.Append(@"\n"); quote = true; break;
                case '\t': builder.Append(@"\t"); quote = true; break;
                case ' ': builder.Append(' '); quote = true; break;
                case < ' ' or '\u007f':
                    builder.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}");
                    quote = true;
                    break;
                default: builder.Append(c); break;
            }
        }
        return quote ? "\"" + builder + "\"" : builder.ToString();
    }

    public static string ExecLine(IEnumerable<string> words) => string.Join(' ', words.Select(ExecWord));

    /// <summary>A free-text value (Description=): specifiers escaped, kept on one line.</summary>
    public static string Text(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return OneLine.Of(value, OneLineStyle.Space).Replace("%", "%%", StringComparison.Ordinal);
    }
}
