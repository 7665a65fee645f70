namespace SshKeep.Config;

internal static class ConfigText
{
    /// <summary>A hostile file must not make one error line huge.</summary>
    private const int MaxQuoted = 80;

    /// <summary>A newline or a NUL in the file cannot break the one-line-per-error output.</summary>
    public static string Quote(string value)
    {
        var builder = new StringBuilder(Math.Min(value.Length, MaxQuoted) + 8).Append('"');
        foreach (var rune in value.EnumerateRunes())
        {
            if (builder.Length > MaxQuoted)
            {
                builder.Append('…');
                break;
            }

            OneLine.Append(builder, rune, OneLineStyle.UnicodeEscape, quoted: true);
        }

        return builder.Append('"').ToString();
    }

    public static string Key(string key) => $"`{key}`";

    public static string Child(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    public static string Item(string path, int index) => string.Create(CultureInfo.InvariantCulture, $"{path}[{index}]");

    public static string Seconds(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Plural(int count, string one, string many) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {(count == 1 ? one : many)}");
}
