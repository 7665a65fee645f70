using System.Text;
using SshKeep.Compat;

namespace SshKeep.Tests.Compat;

public sealed class ProcessNameTests
{
    [Theory]
    [InlineData("autossh\0-M\00\0host\0", "autossh")]
    [InlineData("/usr/lib/autossh/autossh\0host\0", "/usr/lib/autossh/autossh")]
    [InlineData("mytunnel", "mytunnel")]
    public void Argv0_is_the_first_string_of_the_cmdline(string cmdline, string expected)
    {
        Assert.Equal(expected, ProcessName.Argv0(Encoding.UTF8.GetBytes(cmdline)));
    }

    [Fact]
    public void Empty_cmdline_has_no_argv0()
    {
        Assert.Null(ProcessName.Argv0([]));
    }

    [Theory]
    [InlineData("/usr/bin/autossh", "autossh")]
    [InlineData("autossh", "autossh")]
    [InlineData("./bin/mytunnel", "mytunnel")]
    [InlineData("/weird/", "")]
    [InlineData("/usr/lib/autossh/autossh", "autossh")]
    [InlineData("", "")]
    public void ProgName_is_the_last_path_component_as_in_glibc(string argv0, string expected)
    {
        Assert.Equal(expected, ProcessName.ProgName(argv0));
    }

    [Fact]
    public void Our_own_argv0_can_be_read()
    {
        Assert.False(string.IsNullOrEmpty(ProcessName.FromProcCmdline()));
    }

    [Theory]
    [InlineData("autossh", "autossh")]
    [InlineData("a-very-long-program-name", "a-very-long-pro")]
    public void The_process_table_name_is_cut_to_15_bytes_as_the_kernel_does(string name, string expected) =>
        Assert.Equal([.. System.Text.Encoding.UTF8.GetBytes(expected), 0], ProcessName.CommBytes(name));
}
