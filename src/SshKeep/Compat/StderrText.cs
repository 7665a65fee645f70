namespace SshKeep.Compat;

/// <summary>Helpers for sshkeep's own one-line stderr messages.</summary>
internal static class StderrText
{
    /// <summary>The value in double quotes, made safe for one line by <see cref="OneLine"/> (a bad
    /// value can never break the message over several lines).</summary>
    public static string Quote(string value) => "\"" + OneLine.Of(value) + "\"";
}
