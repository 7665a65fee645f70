using System.Globalization;
using System.Text;

namespace SshKeep.Compat;

/// <summary>Helpers for sshkeep's own one-line stderr messages.</summary>
internal static class StderrText
{
    /// <summary>
    /// The value in double quotes, with control characters written as escapes (<c>\n</c>,
    /// <c>\t</c>, <c>\x1b</c> …) so a bad value can never break the message over several lines.
    /// C1 controls (U+0080–U+009F: NEL ends a line, CSI starts a terminal escape) and the Unicode
    /// line and paragraph separators are escaped as <c>\u0085</c> for the same reason.
    /// </summary>
    public static string Quote(string value) => "\"" + Escape(value) + "\"";

    /// <summary><see cref="Quote"/> without the quotes.</summary>
    public static string Escape(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            switch (c)
            {
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case < ' ' or '\x7f':
                    builder.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    break;
                case >= '\u0080' and <= '\u009f' or '\u2028' or '\u2029':
                    builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default: builder.Append(c); break;
            }
        }

        return builder.ToString();
    }
}
