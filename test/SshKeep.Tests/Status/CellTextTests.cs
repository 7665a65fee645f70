using SshKeep.Status;

namespace SshKeep.Tests.Status;

public sealed class CellTextTests
{
    [Theory]
    [InlineData("Connection refused", "Connection refused")]
    [InlineData("Received disconnect: \u001b[31mgo away\u001b[0m", "Received disconnect: ?[31mgo away?[0m")]
    [InlineData("two\nlines\tand a tab\r", "two?lines?and a tab?")]
    [InlineData("del \u007f and c1 \u009b", "del ? and c1 ?")]
    [InlineData("café ✓", "café ✓")]
    public void Control_characters_never_reach_the_terminal(string text, string shown) =>
        Assert.Equal(shown, CellText.Printable(text));

    [Theory]
    [InlineData("short", 10, "short")]
    [InlineData("exactly10!", 10, "exactly10!")]
    [InlineData("one too long", 11, "one too lo…")]
    [InlineData("abc", 1, "…")]
    [InlineData("ab\U0001F600cd", 4, "ab…")]   // never half of a surrogate pair
    public void Long_text_is_cut_with_an_ellipsis(string text, int width, string fitted)
    {
        Assert.Equal(fitted, CellText.Fit(text, width));
        Assert.True(fitted.Length <= width);
    }
}
