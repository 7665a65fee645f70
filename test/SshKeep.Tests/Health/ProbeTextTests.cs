using System.Text;
using SshKeep.Health;

namespace SshKeep.Tests.Health;

public class ProbeTextTests
{
    [Theory]
    [InlineData("+PONG", "\"+PONG\"")]
    [InlineData("-ERR\r\n", "\"-ERR\\r\\n\"")]
    [InlineData("a\tb\"c\\", "\"a\\tb\\\"c\\\\\"")]
    [InlineData("\u0005\u0000", "\"\\x05\\x00\"")]
    [InlineData("grüße", "\"grüße\"")]
    [InlineData("nel\u0085csi\u009b", "\"nel\\u0085csi\\u009b\"")]
    [InlineData("0123456789012345678901234567890123456789", "\"01234567890123456789012345678901…\"")]
    [InlineData("", "\"\"")]
    public void Replies_are_quoted_with_control_characters_escaped_and_cut_after_32_characters(string text, string expected)
    {
        Assert.Equal(expected, ProbeReply.Quote(Encoding.UTF8.GetBytes(text)));
    }

    [Fact]
    public void Bytes_that_are_not_utf8_show_as_hex()
    {
        Assert.Equal("\"\\xff\\xfeok\"", ProbeReply.Quote([0xff, 0xfe, (byte)'o', (byte)'k']));
    }
}
