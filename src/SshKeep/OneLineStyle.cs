namespace SshKeep;

/// <summary>Escape and UnicodeEscape are both locked by golden files (logs and config errors).</summary>
internal enum OneLineStyle
{
    /// <summary><c>\n \r \t</c>; other C0 controls and DEL as <c>\xHH</c>; the rest as <c>\uHHHH</c>.</summary>
    Escape,

    /// <summary><c>\n \r \t</c>; the rest as <c>\uHHHH</c>.</summary>
    UnicodeEscape,

    /// <summary>'?': for a terminal cell, where an escape would not fit.</summary>
    QuestionMark,

    /// <summary>A space: for values another program reads as one line (systemd's STATUS=, a hook's reason).</summary>
    Space,
}
