using System.Globalization;
using System.Text;

namespace SshKeep.Compat;

/// <summary>Helpers for sshkeep's own one-line stderr messages.</summary>
internal static class StderrText
{
    /// <summary>
    /// The value in double quotes, with control characters written as escapes (<c>\n</c>,
    /// <c>\t</c>, <c>\x1b</c> …) so a bad value can never break the message over several lines.
    /// </summary>
    public static string Quote(string value)
    {
        var builder = new StringBuilder(value.Length + 2);
        builder.Append('"');
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
                default: builder.Append(c); break;
            }
        }

        return builder.Append('"').ToString();
    }
}
