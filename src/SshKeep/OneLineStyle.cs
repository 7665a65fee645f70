namespace SshKeep;

/// <summary>How <see cref="OneLine"/> shows an unsafe character. Logs and stderr write C0 controls and DEL as
/// <c>\x1b</c>, config errors as <c>\u001b</c> (both locked by golden files, so kept as this choice).</summary>
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
