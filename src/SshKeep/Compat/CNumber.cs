namespace SshKeep.Compat;

/// <summary>glibc's strtoul/strtol in the C locale, on a 64-bit long (docs/autossh-rules.md R29).</summary>
internal static class CNumber
{
    /// <summary><c>Complete</c> is autossh's "non-empty and <c>*end == '\0'</c>" test.</summary>
    public static (ulong Value, bool Complete) StrToUL(string text, int radix)
    {
        var scan = Scan(text, radix);
        var value = scan.Overflow ? ulong.MaxValue : scan.Negative ? unchecked(0UL - scan.Magnitude) : scan.Magnitude;
        return (value, scan.Complete);
    }

    public static (long Value, bool Complete) StrToL(string text, int radix)
    {
        var scan = Scan(text, radix);
        if (scan.Negative)
        {
            var negative = scan.Overflow || scan.Magnitude > 1UL << 63 ? long.MinValue : unchecked((long)(0UL - scan.Magnitude));
            return (negative, scan.Complete);
        }

        return (scan.Overflow || scan.Magnitude > long.MaxValue ? long.MaxValue : (long)scan.Magnitude, scan.Complete);
    }

    /// <summary>Storing in a C <c>int</c>: the low 32 bits (R11, R33, R36).</summary>
    public static (int Value, bool Complete) ToCInt((ulong Value, bool Complete) n) => (unchecked((int)n.Value), n.Complete);

    public static (int Value, bool Complete) ToCInt((long Value, bool Complete) n) => (unchecked((int)n.Value), n.Complete);

    private static bool IsCSpace(char c) => c is ' ' or '\t' or '\n' or '\v' or '\f' or '\r';

    private static int DigitValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'z' => c - 'a' + 10,
        >= 'A' and <= 'Z' => c - 'A' + 10,
        _ => int.MaxValue,
    };

    private static ScanResult Scan(string text, int radix)
    {
        if (radix is not (0 or >= 2 and <= 36))
        {
            throw new ArgumentOutOfRangeException(nameof(radix), radix, "radix must be 0 or 2..36, as for strtoul");
        }

        var i = 0;
        while (i < text.Length && IsCSpace(text[i]))
        {
            i++;
        }

        var negative = false;
        if (i < text.Length && text[i] is '+' or '-')
        {
            negative = text[i] == '-';
            i++;
        }

        // As in glibc, "0x" counts only when a hex digit follows ("0x" and "0xg" are 0 with trailing text).
        var hexPrefix = i + 1 < text.Length && text[i] == '0' && text[i + 1] is 'x' or 'X'
            && i + 2 < text.Length && DigitValue(text[i + 2]) < 16;
        if (radix == 0)
        {
            radix = hexPrefix ? 16 : i < text.Length && text[i] == '0' ? 8 : 10;
        }

        if (radix == 16 && hexPrefix)
        {
            i += 2;
        }

        var start = i;
        ulong magnitude = 0;
        var overflow = false;
        while (i < text.Length && DigitValue(text[i]) < radix)
        {
            var digit = (ulong)DigitValue(text[i]);
            overflow |= magnitude > (ulong.MaxValue - digit) / (ulong)radix;
            if (!overflow)
            {
                magnitude = magnitude * (ulong)radix + digit;
            }

            i++;
        }

        // With no digits, glibc sets end back to the very start of the string.
        var complete = text.Length > 0 && i > start && i == text.Length;
        return new ScanResult(magnitude, negative, overflow, complete);
    }

    private readonly record struct ScanResult(ulong Magnitude, bool Negative, bool Overflow, bool Complete);
}
