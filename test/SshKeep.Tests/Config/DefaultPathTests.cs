using SshKeep.Config;

namespace SshKeep.Tests.Config;

/// <summary>Where sshkeep looks for its tunnels file without <c>-c</c>.</summary>
public sealed class DefaultPathTests
{
    [Theory]
    [InlineData(true, "HOME=/root", "/etc/sshkeep/tunnels.yaml")]
    [InlineData(true, "HOME=/root;XDG_CONFIG_HOME=/root/.cfg", "/etc/sshkeep/tunnels.yaml")]
    [InlineData(false, "HOME=/home/u", "/home/u/.config/sshkeep/tunnels.yaml")]
    [InlineData(false, "HOME=/home/u/", "/home/u/.config/sshkeep/tunnels.yaml")]
    [InlineData(false, "HOME=/home/u;XDG_CONFIG_HOME=/home/u/cfg", "/home/u/cfg/sshkeep/tunnels.yaml")]
    [InlineData(false, "HOME=/home/u;XDG_CONFIG_HOME=/home/u/cfg/", "/home/u/cfg/sshkeep/tunnels.yaml")]
    // The XDG spec: a relative or empty XDG_CONFIG_HOME is ignored.
    [InlineData(false, "HOME=/home/u;XDG_CONFIG_HOME=cfg", "/home/u/.config/sshkeep/tunnels.yaml")]
    [InlineData(false, "HOME=/home/u;XDG_CONFIG_HOME=", "/home/u/.config/sshkeep/tunnels.yaml")]
    // Without a usable HOME the path keeps its ~, so "cannot read" shows where sshkeep looked.
    [InlineData(false, "", "~/.config/sshkeep/tunnels.yaml")]
    [InlineData(false, "HOME=", "~/.config/sshkeep/tunnels.yaml")]
    [InlineData(false, "XDG_CONFIG_HOME=/cfg", "/cfg/sshkeep/tunnels.yaml")]
    public void Root_uses_etc_and_others_their_xdg_config_home(bool isRoot, string env, string expected)
    {
        var variables = env.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(v => v.Split('=', 2))
            .ToDictionary(v => v[0], v => v[1]);

        Assert.Equal(expected, ConfigLoader.DefaultPath(isRoot, variables));
    }
}
