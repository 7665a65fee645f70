using SshKeep.Config;

namespace SshKeep.Tests.Config;

public sealed class ConfigFilePermissionsTests
{
    private const string Runs = "whoever can change it decides what this sshkeep runs (ProxyCommand, ssh_path, hooks)";

    [Theory]
    // file owner, file mode, directory owner, directory mode (octal), our uid, expected problem (null: trusted)
    [InlineData(1000u, "600", 1000u, "700", 1000u, null)]
    [InlineData(1000u, "644", 1000u, "755", 1000u, null)]
    [InlineData(0u, "644", 0u, "755", 1000u, null)]                  // root's file: root could change anything anyway
    [InlineData(0u, "644", 0u, "755", 0u, null)]                     // /etc/sshkeep/tunnels.yaml run by root
    [InlineData(1000u, "644", 0u, "1777", 1000u, null)]              // /tmp: sticky, so only we may replace our file
    [InlineData(1000u, "444", 1000u, "555", 1000u, null)]
    [InlineData(1000u, "664", 1000u, "755", 1000u, "tunnels file \"/srv/t/tunnels.yaml\" is writable by others (mode 664): " + Runs + "; chmod go-w it")]
    [InlineData(0u, "646", 0u, "755", 0u, "tunnels file \"/srv/t/tunnels.yaml\" is writable by others (mode 646): " + Runs + "; chmod go-w it")]
    [InlineData(1001u, "644", 1000u, "755", 1000u, "tunnels file \"/srv/t/tunnels.yaml\" belongs to uid 1001, neither us (uid 1000) nor root: " + Runs)]
    [InlineData(1000u, "600", 1000u, "644", 0u, "tunnels file \"/srv/t/tunnels.yaml\" belongs to uid 1000, neither us (uid 0) nor root: " + Runs)]
    [InlineData(0u, "600", 1001u, "700", 0u, "tunnels file \"/srv/t/tunnels.yaml\" is in /srv/t, which belongs to uid 1001, neither us (uid 0) nor root: that user can replace the file, and " + Runs)]
    [InlineData(0u, "600", 0u, "777", 0u, "tunnels file \"/srv/t/tunnels.yaml\" is in /srv/t, which others can write (mode 777): they can replace the file, and " + Runs + "; chmod go-w /srv/t")]
    [InlineData(0u, "600", 0u, "2775", 0u, "tunnels file \"/srv/t/tunnels.yaml\" is in /srv/t, which others can write (mode 2775): they can replace the file, and " + Runs + "; chmod go-w /srv/t")]
    public void A_tunnels_file_is_trusted_only_when_no_one_but_us_or_root_can_change_or_replace_it(
        uint fileOwner, string fileMode, uint directoryOwner, string directoryMode, uint ownUid, string? expected)
    {
        string? problem = ConfigFilePermissions.Problem("/srv/t/tunnels.yaml", fileOwner, Convert.ToUInt32(fileMode, 8),
            directoryOwner, Convert.ToUInt32(directoryMode, 8), ownUid);

        Assert.Equal(expected, problem);
    }
}
