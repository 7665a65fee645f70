namespace SshKeep.Status;

/// <summary>
/// Makes text safe and short for one table cell. ssh's stderr can carry text chosen by the
/// server (a disconnect message), so control characters — escape sequences, newlines, tabs — are
/// shown as '?' rather than sent to the user's terminal.
/// </summary>
internal static class CellText
{
    public const char Ellipsis = '…';

    /// <summary><see cref="OneLine"/>'s '?' for every unsafe character, line by line, keeping the line breaks ('\n'): for a daemon's
    /// message of several lines (a refused reload lists each config error on its own line).</summary>
    public static string PrintableLines(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return string.Join('\n', text.Split('\n').Select(line => OneLine.Of(line, OneLineStyle.QuestionMark)));
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
