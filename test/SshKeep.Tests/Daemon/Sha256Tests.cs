using System.Text;
using SshKeep.Daemon;

namespace SshKeep.Tests.Daemon;

public sealed class Sha256Tests
{
    [Theory]
    // FIPS 180-4 examples (NIST CSRC "SHA256.pdf", "SHA2_Additional.pdf").
    [InlineData("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [InlineData("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")]
    [InlineData("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
        "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")]
    public void Known_answers_match_the_standard(string message, string digest)
    {
        Assert.Equal(digest, Convert.ToHexStringLower(Sha256.HashData(Encoding.ASCII.GetBytes(message))));
    }

    [Fact]
    public void Every_length_across_the_padding_boundaries_matches_the_framework_hash()
    {
        // 55/56 bytes: the last length that fits one padding block and the first that needs two;
        // 63/64/65 and their multiples: whole blocks.
        var random = new Random(6);
        for (var length = 0; length <= 300; length++)
        {
            var data = new byte[length];
            random.NextBytes(data);
            Assert.Equal(System.Security.Cryptography.SHA256.HashData(data), Sha256.HashData(data));
        }
    }

    [Fact]
    public void A_million_bytes_match_the_standard()
    {
        var data = Enumerable.Repeat((byte)'a', 1_000_000).ToArray();

        Assert.Equal("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0", Convert.ToHexStringLower(Sha256.HashData(data)));
    }

    [Fact]
    public void Instance_keys_are_the_ones_earlier_versions_made()
    {
        // The key names the lock, socket and status file: a new `sshkeep status` must find a daemon
        // an older version started. (This value came from System.Security.Cryptography.SHA256.)
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            Encoding.UTF8.GetBytes("/home/ada/.config/sshkeep/tunnels.yaml")))[..InstanceKey.HashLength];

        Assert.Equal($"tunnels-{expected}", InstanceKey.For("/home/ada/.config/sshkeep/tunnels.yaml"));
    }
}
