using SshKeep.Compat;

namespace SshKeep.Tests.Compat;

/// <summary>glibc strtoul/strtol in the C locale (spec R29).</summary>
public sealed class CNumberTests
{
    [Theory]
    [InlineData("7", 0, 7UL, true)]
    [InlineData("0", 0, 0UL, true)]
    [InlineData("-0", 0, 0UL, true)]
    [InlineData(" 7", 0, 7UL, true)]
    [InlineData("\t\n\v\f\r 7", 0, 7UL, true)]
    [InlineData("+7", 0, 7UL, true)]
    [InlineData("-5", 0, 18446744073709551611UL, true)]
    [InlineData("010", 0, 8UL, true)]
    [InlineData("08", 0, 0UL, false)]
    [InlineData("0x10", 0, 16UL, true)]
    [InlineData("0X1f", 0, 31UL, true)]
    [InlineData("-0x10", 0, 18446744073709551600UL, true)]
    [InlineData("0x", 0, 0UL, false)]
    [InlineData("0xg", 0, 0UL, false)]
    [InlineData("7 ", 0, 7UL, false)]
    [InlineData("5.5", 0, 5UL, false)]
    [InlineData("abc", 0, 0UL, false)]
    [InlineData("", 0, 0UL, false)]
    [InlineData(" ", 0, 0UL, false)]
    [InlineData("+", 0, 0UL, false)]
    [InlineData("-", 0, 0UL, false)]
    [InlineData("+-7", 0, 0UL, false)]
    [InlineData("\u00a07", 0, 0UL, false)]
    [InlineData("٣", 0, 0UL, false)]
    [InlineData("７", 0, 0UL, false)]
    [InlineData("18446744073709551615", 0, 18446744073709551615UL, true)]
    [InlineData("18446744073709551616", 0, 18446744073709551615UL, true)]
    [InlineData("-18446744073709551616", 0, 18446744073709551615UL, true)]
    [InlineData("0xffffffffffffffffff", 0, 18446744073709551615UL, true)]
    [InlineData("020000", 10, 20000UL, true)]
    [InlineData("0x4e20", 10, 0UL, false)]
    [InlineData(" +20000", 10, 20000UL, true)]
    [InlineData("ff", 16, 255UL, true)]
    [InlineData("0xff", 16, 255UL, true)]
    public void Strtoul_is_emulated(string text, int radix, ulong value, bool complete)
    {
        Assert.Equal((value, complete), CNumber.StrToUL(text, radix));
    }

    [Theory]
    [InlineData("-1", -1L, true)]
    [InlineData("0x10", 16L, true)]
    [InlineData("9223372036854775807", long.MaxValue, true)]
    [InlineData("9223372036854775808", long.MaxValue, true)]
    [InlineData("-9223372036854775808", long.MinValue, true)]
    [InlineData("-9223372036854775809", long.MinValue, true)]
    [InlineData("-99999999999999999999999", long.MinValue, true)]
    [InlineData("5.5", 5L, false)]
    public void Strtol_is_emulated(string text, long value, bool complete)
    {
        Assert.Equal((value, complete), CNumber.StrToL(text, 0));
    }

    [Theory]
    [InlineData(4294967301UL, 5)]
    [InlineData(99999999999UL, 1215752191)]
    [InlineData(4294967296UL, 0)]
    [InlineData(2147483648UL, int.MinValue)]
    [InlineData(18446744073709551611UL, -5)]
    [InlineData(18446744073709551615UL, -1)]
    public void Storing_in_a_C_int_keeps_the_low_32_bits(ulong value, int stored)
    {
        Assert.Equal((stored, true), CNumber.ToCInt((value, true)));
    }
}
