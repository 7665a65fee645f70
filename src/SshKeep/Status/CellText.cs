using System.Text;

namespace SshKeep.Status;

/// <summary>
/// Makes text safe and short for one table cell. ssh's stderr can carry text chosen by the
/// server (a disconnect message), so control characters — escape sequences, newlines, tabs — are
/// shown as '?' rather than sent to the user's terminal.
/// </summary>
public static class CellText
{
    public const char Ellipsis = '…';

    /// <summary>Every control character (C0, DEL, C1) becomes '?'.</summary>
    public static string Printable(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Any(char.IsControl)) return text;
        var printable = new StringBuilder(text.Length);
        foreach (char c in text) printable.Append(char.IsControl(c) ? '?' : c);
        return printable.ToString();
    }

    /// <summary><see cref="Printable"/> line by line, keeping the line breaks ('\n'): for a daemon's
    /// message of several lines (a refused reload lists each config error on its own line).</summary>
    public static string PrintableLines(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return string.Join('\n', text.Split('\n').Select(Printable));
    }

    /// <summary>At most <paramref name="width"/> characters: longer text is cut and ends with '…'
    /// (never between the two halves of a surrogate pair).</summary>
    public static string Fit(string text, int width)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (width < 1) throw new ArgumentOutOfRangeException(nameof(width), width, "A cell is at least one character wide.");
        if (text.Length <= width) return text;
        int keep = width - 1;
        if (keep > 0 && char.IsHighSurrogate(text[keep - 1])) keep--;
        return string.Concat(text.AsSpan(0, keep), Ellipsis.ToString());
    }
}
