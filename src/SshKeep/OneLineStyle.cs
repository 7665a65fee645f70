namespace SshKeep;

/// <summary>Logs and stderr show a C0 control or DEL as <c>\x1b</c> (Escape), config errors as <c>\u001b</c>
/// (UnicodeEscape): both locked by golden files.</summary>
internal enum OneLineStyle
{
    Escape,

    UnicodeEscape,

    /// <summary>'?': for a terminal cell, where an escape would not fit.</summary>
    QuestionMark,

    /// <summary>A space: for values another program reads as one line (systemd's STATUS=, a hook's reason).</summary>
    Space,
}
