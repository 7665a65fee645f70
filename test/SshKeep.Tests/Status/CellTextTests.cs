namespace SshKeep.Tests.Status;

public sealed class CellTextTests
{
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
