using System.Text;

namespace SshKeep.Tests.HostileInput;

/// <summary>
/// Random text of the kinds that break parsers: empty, blank, numbers at and past every integer
/// limit, signs and bases, non-ASCII digits and letters, control characters and terminal escapes,
/// format strings and shell syntax, paths, and very long runs. Made from a seeded
/// <see cref="Random"/>, so a case can be made again.
/// </summary>
internal static class HostileText
{
    /// <summary>Pieces chosen whole: each has broken some parser somewhere.</summary>
    private static readonly string[] Pieces =
    [
        "", " ", "\t", "  \t ", "0", "-0", "+0", "1", "-1", "00", "010", "0x10", "0X", "0x", "08", "1e3", "1.5", ".5", "5.",
        "2147483647", "2147483648", "-2147483648", "-2147483649", "4294967295", "4294967296", "-4294967296",
        "9223372036854775807", "9223372036854775808", "18446744073709551615", "18446744073709551616",
        "99999999999999999999999999999999", "-99999999999999999999999999999999", "NaN", "Infinity", "-∞",
        " 5", "5 ", "5\n", "+5", "--5", "-+5", "１２", "٣", "²", "Ⅻ",
        "é", "日本語", "🔑", "\u202eevil", "a\u200bb", "\ufeff", "İ", "ß", "\u0301",
        "\n", "\r\n", "\r", "\x1b[31mred\x1b[0m", "\x1b]0;title\x07", "\x07", "\x7f", "\u009b2J", "\u0085", "\u2028", "\x01\x02",
        "%s%n%x%p", "{0}", "${HOME}", "$(reboot)", "`id`", "'", "\"", "\\", "\\n", ";", "|", "&&", "#", "=", "==", ":", "[", "]", "{", "}",
        "../../etc/passwd", "/dev/null", "/proc/self/mem", "~", "~root", "-", "--", "-V", "-M", "-f",
        "user@host", "[::1]:22", "127.0.0.1:0", "localhost:65536", "host:-1", ":::", "@", "%",
    ];

    private const string Alphabet = "abcXYZ019 -_.:/@%=+,;'\"\\[]{}()<>!?*&|#~`$^\t\n\r\x1b\x7f\u0085éß日🔑";

    /// <summary>One hostile text. <paramref name="maxLong"/> bounds the long runs;
    /// <paramref name="encodable"/> keeps it valid UTF-16 (no lone surrogate), as it must be to
    /// reach a real program's argv or environment.</summary>
    public static string Next(Random random, int maxLong = 200_000, bool encodable = false)
    {
        var parts = random.Next(1, 4);
        var text = new StringBuilder();
        for (var i = 0; i < parts; i++) text.Append(Part(random, maxLong, encodable));
        return encodable ? WithoutLoneSurrogates(text.ToString()) : text.ToString();
    }

    /// <summary>Each half of a broken surrogate pair replaced by '?'.</summary>
    private static string WithoutLoneSurrogates(string text)
    {
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1])) i++;
            else if (char.IsSurrogate(chars[i])) chars[i] = '?';
        }
        return new string(chars);
    }

    /// <summary>One text for a program's argv or environment: valid UTF-16, without NUL (which
    /// neither can carry) and at most <paramref name="maxLength"/> characters (the kernel's
    /// limit for one string is 128 KiB).</summary>
    public static string ForProcess(Random random, int maxLength = 20_000)
    {
        var text = Next(random, maxLength, encodable: true).Replace("\0", "");
        return text.Length > maxLength ? text[..maxLength] : text;
    }

    private static string Part(Random random, int maxLong, bool encodable)
    {
        switch (random.Next(10))
        {
            case < 5:
                return Pieces[random.Next(Pieces.Length)];
            case < 8:
                {
                    var length = random.Next(0, 40);
                    var chars = new StringBuilder(length);
                    for (var i = 0; i < length; i++) chars.Append(Alphabet[random.Next(Alphabet.Length)]);
                    return chars.ToString();
                }
            case 8:
                {
                    var length = random.Next(Math.Min(1_000, maxLong), maxLong + 1);
                    var fill = "9x\u00e9/ "[random.Next(5)];
                    return new string(fill, length);
                }
            default:
                {
                    // Any UTF-16 code unit: NUL, lone surrogates, private use, non-characters.
                    var length = random.Next(1, 20);
                    var chars = new char[length];
                    for (var i = 0; i < length; i++)
                    {
                        chars[i] = (char)random.Next(0, 0x10000);
                    }
                    return new string(chars);
                }
        }
    }

    /// <summary>Random bytes, often invalid UTF-8: lone continuation bytes, overlong forms,
    /// truncated sequences, NUL, and ANSI escapes.</summary>
    public static byte[] Bytes(Random random, int maxLength)
    {
        var length = random.Next(0, maxLength + 1);
        var bytes = new byte[length];
        random.NextBytes(bytes);
        if (length > 4 && random.Next(2) == 0)
        {
            ReadOnlySpan<byte> escape = [0x1b, (byte)'[', (byte)'2', (byte)'J'];
            escape.CopyTo(bytes.AsSpan(random.Next(length - 3)));
        }
        return bytes;
    }
}
