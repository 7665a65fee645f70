namespace SshKeep.Config;

/// <summary>Line and column are 1-based (0 when the file could not be read); Key is empty for the file as a whole.</summary>
internal sealed record ConfigError(string File, int Line, int Column, string Key, string Message)
{
    /// <summary>The form compilers use, so editors can jump to it.</summary>
    public override string ToString() =>
        Line <= 0 ? $"{File}: {OneLine.Of(Message, OneLineStyle.UnicodeEscape)}"
        : Key.Length == 0 ? FormattableString.Invariant($"{File}:{Line}:{Column}: {OneLine.Of(Message, OneLineStyle.UnicodeEscape)}")
        : FormattableString.Invariant($"{File}:{Line}:{Column}: {OneLine.Of(Key, OneLineStyle.UnicodeEscape)}: {OneLine.Of(Message, OneLineStyle.UnicodeEscape)}");
}
