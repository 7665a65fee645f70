namespace SshKeep.Status;

/// <summary>
/// Makes text safe for one table cell (<see cref="OneLine.Cut"/> makes it short). ssh's stderr
/// can carry text chosen by the server (a disconnect message), so control characters — escape
/// sequences, newlines, tabs — are shown as '?' rather than sent to the user's terminal.
/// </summary>
internal static class CellText
{
    /// <summary><see cref="OneLine"/>'s '?' for every unsafe character, line by line, keeping the line breaks ('\n'): for a daemon's
    /// message of several lines (a refused reload lists each config error on its own line).</summary>
    public static string PrintableLines(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return string.Join('\n', text.Split('\n').Select(line => OneLine.Of(line, OneLineStyle.QuestionMark)));
    }
}
