using System.Globalization;
using System.Text;

namespace SshKeep.Cli;

/// <summary>
/// Writing values into a unit file so systemd reads them back unchanged (systemd.service(5),
/// "Command lines"; systemd.unit(5), "Specifiers").
/// </summary>
internal static class InstallServiceQuoting
{
    /// <summary>
    /// One ExecStart= word. '%' starts a specifier and '$' a variable, so they are doubled; a
    /// word with white space, quotes, a backslash or a control character (or an empty word, or a
    /// lone ';', which old versions read as a command separator) is put in double quotes, with
    /// C-style escapes inside.
    /// </summary>
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

    /// <summary>A whole command line: each word through <see cref="ExecWord"/>.</summary>
    public static string ExecLine(IEnumerable<string> words) => string.Join(' ', words.Select(ExecWord));

    /// <summary>A free-text value (Description=): specifiers escaped, kept on one line.</summary>
    public static string Text(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return OneLine.Of(value, OneLineStyle.Space).Replace("%", "%%", StringComparison.Ordinal);
    }
}
