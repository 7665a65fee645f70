using SshKeep.Ssh;

namespace SshKeep.Tests.Ssh;

public class MuxPacketTests
{
    [Fact]
    public void Hello_is_a_length_the_hello_type_and_version_four()
    {
        Assert.Equal("00000008" + "00000001" + "00000004", Convert.ToHexString(MuxPacket.Hello()));
    }

    [Theory]
    [InlineData(1u, "127.0.0.1", 5432,
        "0000001D" + "10000008" + "00000001" + "00000000" + "00000009" + "3132372E302E302E31" + "00001538")]
    [InlineData(7u, "db", 80,
        "00000016" + "10000008" + "00000007" + "00000000" + "00000002" + "6462" + "00000050")]
    [InlineData(0u, "h", 65535,
        "00000015" + "10000008" + "00000000" + "00000000" + "00000001" + "68" + "0000FFFF")]
    public void A_stdio_forward_request_carries_id_reserved_string_host_and_the_port_as_a_uint32(uint id, string host, int port, string hex)
    {
        Assert.Equal(hex, Convert.ToHexString(MuxPacket.NewStdioForward(id, host, port)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65536)]
    public void A_port_outside_1_to_65535_is_refused(int port)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MuxPacket.NewStdioForward(1, "h", port));
    }

    [Theory]
    [InlineData("00000008", 8)]
    [InlineData("00040000", 262144)]
    [InlineData("00000000", null)]
    [InlineData("00040001", null)]
    [InlineData("FFFFFFFF", null)]
    public void A_packet_length_is_accepted_from_1_byte_to_256_KiB(string header, int? expected)
    {
        Assert.Equal(expected, MuxPacket.PayloadLength(Convert.FromHexString(header)));
    }

    [Theory]
    // type, request id, value, reason
    [InlineData("00000001" + "00000004", 0x00000001u, 0u, 4u, null)]
    [InlineData("00000001" + "00000004" + "00000001" + "78" + "00000000", 0x00000001u, 0u, 4u, null)] // an extension is ignored
    [InlineData("80000006" + "00000001" + "00000003", 0x80000006u, 1u, 3u, null)]
    [InlineData("80000005" + "00000000" + "00003039", 0x80000005u, 0u, 12345u, null)]
    [InlineData("80000003" + "00000001" + "0000001C" + "53657373696F6E206F70656E2072656675736564206279207065657220", 0x80000003u, 1u, 0u, "Session open refused by peer")] // bytes after the reason are ignored
    [InlineData("80000003" + "00000001" + "00000000", 0x80000003u, 1u, 0u, "")]
    [InlineData("80000002" + "00000001" + "00000011" + "5065726D697373696F6E2064656E696564", 0x80000002u, 1u, 0u, "Permission denied")]
    [InlineData("80000001" + "00000001", 0x80000001u, 1u, 0u, null)]
    [InlineData("8000ABCD" + "00000009" + "DEADBEEF", 0x8000ABCDu, 9u, 0u, null)] // unknown: type and id only
    public void Replies_parse_into_type_request_id_value_and_reason(string hex, uint type, uint requestId, uint value, string? reason)
    {
        var reply = MuxPacket.Parse(Convert.FromHexString(hex));

        Assert.Null(reply.Malformed);
        Assert.Equal(new MuxReply(type, requestId, value, reason), reply);
    }

    [Theory]
    [InlineData("", "shorter than a message type")]
    [InlineData("800000", "shorter than a message type")]
    [InlineData("00000001", "hello without a version")]
    [InlineData("80000006", "0x80000006 without a request id")]
    [InlineData("80000006" + "00000001", "0x80000006 without its value")]
    [InlineData("80000003" + "00000001" + "00000010" + "6E6F", "0x80000003 without a readable reason")]
    [InlineData("80000003" + "00000001", "0x80000003 without a readable reason")]
    public void Truncated_replies_are_malformed_and_say_what_is_missing(string hex, string why)
    {
        var reply = MuxPacket.Parse(Convert.FromHexString(hex));

        Assert.Equal(why, reply.Malformed);
    }

    [Fact]
    public void A_message_type_reads_as_mux_c_prints_it()
    {
        Assert.Equal("0x80000003", MuxPacket.Hex(MuxMessageType.Failure));
    }
}
