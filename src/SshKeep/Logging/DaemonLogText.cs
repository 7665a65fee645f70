namespace SshKeep.Logging;

/// <summary>How ssh's text is put into a log message (made safe for one line by <see cref="OneLine"/>).</summary>
internal static class DaemonLogText
{
    /// <summary>A line of ssh's stderr for <c>ssh: {Line}</c>: ssh's own <c>ssh: </c> before its errors is
    /// taken off, so the line does not read "ssh: ssh: connect to host …".</summary>
    public static string SshLine(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return line.StartsWith("ssh: ", StringComparison.Ordinal) && line.Length > 5 ? line[5..] : line;
    }

    /// <summary>A text between "; " separators, without its own closing full stop (ssh ends "Permission
    /// denied (publickey)." with one), so the line never reads ".;". An ellipsis is left alone.</summary>
    public static string Clause(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.TrimEnd();
        return trimmed.EndsWith('.') && !trimmed.EndsWith("..", StringComparison.Ordinal) ? trimmed[..^1].TrimEnd() : trimmed;
    }
}
