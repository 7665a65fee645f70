namespace SshKeep;

/// <summary>How <see cref="OneLine"/> shows a character that could break a line or drive a
/// terminal. The escaped styles differ only in C0 controls and DEL: logs and sshkeep's own
/// stderr write them <c>\x1b</c>, config errors <c>\u001b</c> (both locked by tests and golden
/// files, so the difference is kept as this choice, not as two functions).</summary>
internal enum OneLineStyle
{
    /// <summary><c>\n \r \t</c>; other C0 controls and DEL as <c>\xHH</c>; C1 controls and the
    /// Unicode line and paragraph separators as <c>\uHHHH</c>. For logs and stderr messages.</summary>
    Escape,

    /// <summary><c>\n \r \t</c>; every other unsafe character as <c>\uHHHH</c>. For config errors.</summary>
    UnicodeEscape,

    /// <summary>Every unsafe character as '?': for a terminal cell, where an escape would not fit.</summary>
    QuestionMark,

    /// <summary>Every unsafe character as a space: for values another program reads as one line
    /// (systemd's STATUS= and Description=, a hook's reason).</summary>
    Space,
}
