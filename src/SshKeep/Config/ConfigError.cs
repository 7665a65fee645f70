namespace SshKeep.Config;

/// <summary>One mistake in a tunnels file: the file as given, 1-based line and column (0 when the file could not be
/// read), the key's dotted path (empty for the file as a whole), and what is wrong and accepted.</summary>
internal sealed record ConfigError(string File, int Line, int Column, string Key, string Message)
{
    /// <summary><c>file:line:col: key: message</c>, the form compilers use so editors can jump to it; one printable line,
    /// since a key or alias name from the file may hold control characters.</summary>
    public override string ToString() =>
        Line <= 0 ? $"{File}: {OneLine.Of(Message, OneLineStyle.UnicodeEscape)}"
        : Key.Length == 0 ? FormattableString.Invariant($"{File}:{Line}:{Column}: {OneLine.Of(Message, OneLineStyle.UnicodeEscape)}")
        : FormattableString.Invariant($"{File}:{Line}:{Column}: {OneLine.Of(Key, OneLineStyle.UnicodeEscape)}: {OneLine.Of(Message, OneLineStyle.UnicodeEscape)}");
}
