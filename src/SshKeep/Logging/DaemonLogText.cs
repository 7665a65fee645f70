using System.Text;

namespace SshKeep.Logging;

/// <summary>
/// Makes any text safe to be one log line: one event is one line, whatever ssh (or an exception
/// message) printed. A server can put anything in the text ssh shows (a banner, a forced
/// command's error), so a raw newline would let it forge log lines, and a raw ESC would let it
/// drive the reader's terminal.
/// </summary>
/// <remarks>
/// <c>\n</c>, <c>\r</c> and <c>\t</c> become those two-character escapes; other C0 controls and DEL
/// become <c>\xHH</c>; C1 controls (U+0080–U+009F, e.g. the one-byte CSI) and the Unicode line and
/// paragraph separators become <c>\uHHHH</c>. A backslash is left alone: the escapes are for
/// reading, not for decoding back, and doubling every backslash would make paths and regexes
/// harder to read.
/// </remarks>
public static class DaemonLogText
{
    private const string Hex = "0123456789abcdef";

    /// <summary>True when <paramref name="c"/> is escaped.</summary>
    public static bool NeedsEscape(char c) =>
        c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f) || c == '\u2028' || c == '\u2029';

    /// <summary>Appends <paramref name="text"/> with control characters escaped.</summary>
    public static void AppendEscaped(StringBuilder builder, ReadOnlySpan<char> text)
    {
        ArgumentNullException.ThrowIfNull(builder);
        int start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (!NeedsEscape(c)) continue;
            builder.Append(text[start..i]);
            start = i + 1;
            switch (c)
            {
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case < '\u0080':
                    builder.Append("\\x").Append(Hex[c >> 4]).Append(Hex[c & 0xf]);
                    break;
                default:
                    builder.Append("\\u").Append(Hex[(c >> 12) & 0xf]).Append(Hex[(c >> 8) & 0xf])
                           .Append(Hex[(c >> 4) & 0xf]).Append(Hex[c & 0xf]);
                    break;
            }
        }
        builder.Append(text[start..]);
    }

    /// <summary><paramref name="text"/> with control characters escaped (the same string when there are none).</summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!HasEscapes(text)) return text;
        var builder = new StringBuilder(text.Length + 16);
        AppendEscaped(builder, text);
        return builder.ToString();
    }

    /// <summary>The prefix ssh puts before its own errors (its program name).</summary>
    public const string SshPrefix = "ssh: ";

    /// <summary>A line of ssh's stderr for the event that logs it as <c>ssh: {Line}</c>: ssh's own
    /// <c>ssh: </c> before its errors is taken off, so the line does not read "ssh: ssh: connect
    /// to host …"; any other line is left as it is.</summary>
    public static string SshLine(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return line.StartsWith(SshPrefix, StringComparison.Ordinal) && line.Length > SshPrefix.Length ? line[SshPrefix.Length..] : line;
    }

    /// <summary>A text put in the middle of a log message, between "; " separators: without its
    /// own closing full stop (ssh ends "Permission denied (publickey)." with one), so the line
    /// never reads ".;". An ellipsis is left alone.</summary>
    public static string Clause(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.TrimEnd();
        return trimmed.EndsWith('.') && !trimmed.EndsWith("..", StringComparison.Ordinal) ? trimmed[..^1].TrimEnd() : trimmed;
    }

    private static bool HasEscapes(string text)
    {
        foreach (char c in text)
        {
            if (NeedsEscape(c)) return true;
        }
        return false;
    }
}
