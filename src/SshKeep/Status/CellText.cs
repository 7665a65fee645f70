namespace SshKeep.Status;

internal static class CellText
{
    /// <summary>Keeps the line breaks of a daemon's message (a refused reload lists each config error on its own line).</summary>
    public static string PrintableLines(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return string.Join('\n', text.Split('\n').Select(line => OneLine.Of(line, OneLineStyle.QuestionMark)));
    }
}
