using System.Text;

namespace SshKeep.Tests;

/// <summary>The one way text is made safe for one line: every style on one table.</summary>
public sealed class OneLineTests
{
    [Theory]
    [InlineData("Permission denied (publickey).", "Escape", "Permission denied (publickey).")]
    [InlineData("line one\nline two", "Escape", "line one\\nline two")]
    [InlineData("crlf\r\n", "Escape", "crlf\\r\\n")]
    [InlineData("tab\there", "Escape", "tab\\there")]
    [InlineData("\u001b[31mred\u001b[0m", "Escape", "\\x1b[31mred\\x1b[0m")]
    [InlineData("nul\0bell\a", "Escape", "nul\\x00bell\\x07")]
    [InlineData("del\u007f", "Escape", "del\\x7f")]
    // C1 controls: U+009B is a one-character CSI for some terminals, U+0085 (NEL) ends a line
    [InlineData("csi\u009b31m", "Escape", "csi\\u009b31m")]
    [InlineData("nel\u0085", "Escape", "nel\\u0085")]
    [InlineData("ls\u2028ps\u2029", "Escape", "ls\\u2028ps\\u2029")]
    // printable text, non-ASCII and backslashes are left as they are
    [InlineData("héllo wörld ✓", "Escape", "héllo wörld ✓")]
    [InlineData("C:\\path\\n \"q\"", "Escape", "C:\\path\\n \"q\"")]
    [InlineData("", "Escape", "")]
    // config errors: the same, with C0 controls and DEL as \u00XX
    [InlineData("2\u00002\u001b\r", "UnicodeEscape", "2\\u00002\\u001b\\r")]
    [InlineData("a\nb\tc\u007f\u0085\u2028", "UnicodeEscape", "a\\nb\\tc\\u007f\\u0085\\u2028")]
    // a terminal cell: every unsafe character as '?'
    [InlineData("Connection refused", "QuestionMark", "Connection refused")]
    [InlineData("Received disconnect: \u001b[31mgo away\u001b[0m", "QuestionMark", "Received disconnect: ?[31mgo away?[0m")]
    [InlineData("two\nlines\tand a tab\r", "QuestionMark", "two?lines?and a tab?")]
    [InlineData("del \u007f and c1 \u009b ls \u2028", "QuestionMark", "del ? and c1 ? ls ?")]
    [InlineData("café ✓", "QuestionMark", "café ✓")]
    // another program's one-line value: every unsafe character as a space
    [InlineData("up\nand\u001b\u2029running", "Space", "up and  running")]
    public void Unsafe_characters_are_shown_in_the_style_asked_for(string text, string style, string expected)
    {
        Assert.Equal(expected, OneLine.Of(text, Enum.Parse<OneLineStyle>(style)));
    }

    [Theory]
    [InlineData("say \"hi\" C:\\x\n", "Escape", "say \\\"hi\\\" C:\\\\x\\n")]
    [InlineData("say \"hi\" C:\\x\u0001", "UnicodeEscape", "say \\\"hi\\\" C:\\\\x\\u0001")]
    public void Quoted_text_also_escapes_its_quotes_and_backslashes(string text, string style, string expected)
    {
        var builder = new StringBuilder();
        OneLine.Append(builder, text, Enum.Parse<OneLineStyle>(style), quoted: true);
        Assert.Equal(expected, builder.ToString());
        var byRune = new StringBuilder();
        foreach (var rune in text.EnumerateRunes()) OneLine.Append(byRune, rune, Enum.Parse<OneLineStyle>(style), quoted: true);
        Assert.Equal(expected, byRune.ToString());
    }

    [Fact]
    public void Text_without_unsafe_characters_is_returned_as_the_same_string()
    {
        string text = "nothing to escape";
        Assert.Same(text, OneLine.Of(text));
    }

    [Theory]
    [InlineData("short", 10, "short")]
    [InlineData("exactly10!", 10, "exactly10!")]
    [InlineData("one too long", 11, "one too lo…")]
    [InlineData("abc", 1, "…")]
    [InlineData("ab\U0001F600cd", 4, "ab…")]   // never half of a surrogate pair
    public void Long_text_is_cut_with_an_ellipsis(string text, int width, string fitted)
    {
        Assert.Equal(fitted, OneLine.Cut(text, width));
        Assert.True(fitted.Length <= width);
    }
}
