namespace SshKeep.Logging;

/// <summary>How ssh's text is put into a log message (made safe for one line by <see cref="OneLine"/>).</summary>
internal static class DaemonLogText
{
    /// <summary>Without ssh's own <c>ssh: </c>, so the log does not read "ssh: ssh: connect to host …".</summary>
    public static string SshLine(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return line.StartsWith("ssh: ", StringComparison.Ordinal) && line.Length > 5 ? line[5..] : line;
    }

    /// <summary>Without its closing full stop (an ellipsis stays), so a line never reads ".;".</summary>
    public static string Clause(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.TrimEnd();
        return trimmed.EndsWith('.') && !trimmed.EndsWith("..", StringComparison.Ordinal) ? trimmed[..^1].TrimEnd() : trimmed;
    }
}
