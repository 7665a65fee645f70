namespace SshKeep.Logging;

/// <summary>How ssh's text is put into a log message (made safe for one line by <see cref="OneLine"/>).</summary>
internal static class DaemonLogText
{
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
}
