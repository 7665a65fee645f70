namespace SshKeep.Tests.HostileInput;

/// <summary>What every answer to hostile input must look like.</summary>
internal static class HostileAssert
{
    /// <summary>One printable line: no newline, no other control character (C0, DEL, C1) and no
    /// Unicode line separator, so the input cannot forge a second line or drive a terminal.</summary>
    public static void OneLine(string? text, string what)
    {
        Assert.NotNull(text);
        var bad = text.FirstOrDefault(c => char.IsControl(c) || c is '\u2028' or '\u2029');
        Assert.True(bad == default, $"{what} is not one printable line (U+{(int)bad:X4} at {text.IndexOf(bad)}): {Property.Show(text)}");
    }

    /// <summary>Output of a real process: nothing that looks like a .NET stack trace or an
    /// unhandled exception.</summary>
    public static void NoStackTrace(string output, string what)
    {
        Assert.DoesNotContain("Unhandled exception", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        Assert.False(System.Text.RegularExpressions.Regex.IsMatch(output, @"\b[A-Z]\w+Exception\b"), $"{what} names an exception: {Property.Show(output, 2000)}");
    }
}
