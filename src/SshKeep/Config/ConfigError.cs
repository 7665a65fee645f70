namespace SshKeep.Config;

/// <summary>One mistake in a tunnels file: where, which key, the offending value, and what is accepted.</summary>
/// <param name="File">The file's path as given.</param>
/// <param name="Line">1-based line of the offending node (0 when the file could not be read at all).</param>
/// <param name="Column">1-based column.</param>
/// <param name="Key">Dotted path of the key, e.g. <c>tunnels.db.forwards[1].local</c>; empty for the file as a whole.</param>
/// <param name="Message">What is wrong and what is accepted, quoting the bad value.</param>
internal sealed record ConfigError(string File, int Line, int Column, string Key, string Message)
{
    /// <summary><c>file:line:col: key: message</c>, the form compilers use so editors can jump to it; without the key
    /// when the error is about the file as a whole (a YAML syntax error), and without line and column when the file
    /// could not be read. Always one printable line: a key or alias name from the file may hold control characters,
    /// and they are escaped here (values are already quoted by <see cref="ConfigText.Quote"/>).</summary>
    public override string ToString() =>
        Line <= 0 ? $"{File}: {OneLine.Of(Message, OneLineStyle.UnicodeEscape)}"
        : Key.Length == 0 ? FormattableString.Invariant($"{File}:{Line}:{Column}: {OneLine.Of(Message, OneLineStyle.UnicodeEscape)}")
        : FormattableString.Invariant($"{File}:{Line}:{Column}: {OneLine.Of(Key, OneLineStyle.UnicodeEscape)}: {OneLine.Of(Message, OneLineStyle.UnicodeEscape)}");
}
