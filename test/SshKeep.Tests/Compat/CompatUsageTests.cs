using System.Runtime.CompilerServices;
using SshKeep.Compat;
using static SshKeep.Tests.Compat.CompatRun;

namespace SshKeep.Tests.Compat;

/// <summary>The usage text (spec R4), locked by Golden/usage.txt.</summary>
public sealed class CompatUsageTests
{
    private static string GoldenPath([CallerFilePath] string thisFile = "") =>
        Path.Combine(Path.GetDirectoryName(thisFile)!, "Golden", "usage.txt");

    [Fact]
    public void Usage_text_matches_the_golden_file()
    {
        var usage = Assert.IsType<CompatParseResult.Usage>(Parse([]));

        Assert.Equal(File.ReadAllText(GoldenPath()), usage.Text);
    }

    [Fact]
    public void Usage_has_autossh_29_line_layout()
    {
        var lines = CompatUsage.Text("autossh").Split('\n');

        // 29 lines, each ending with a newline (so the split leaves one empty tail).
        Assert.Equal(30, lines.Length);
        Assert.Equal("", lines[29]);
        Assert.Equal("usage: autossh [-V] [-M monitor_port[:echo_port]] [-f] [SSH_OPTIONS]", lines[0]);
        Assert.Equal(["", "", "", ""], new[] { lines[1], lines[9], lines[28], lines[29] });
        Assert.StartsWith("    -M ", lines[2]);
        Assert.StartsWith("    -f ", lines[6]);
        Assert.StartsWith("    -V ", lines[8]);
        Assert.All(lines, l => Assert.True(l.Length < 80, l));
    }

    [Theory]
    // R4: the variables in autossh's order, with their number of lines.
    [InlineData("AUTOSSH_GATETIME", 11, 4)]
    [InlineData("AUTOSSH_LOGFILE", 15, 2)]
    [InlineData("AUTOSSH_LOGLEVEL", 17, 1)]
    [InlineData("AUTOSSH_MAXLIFETIME", 18, 1)]
    [InlineData("AUTOSSH_MAXSTART", 19, 1)]
    [InlineData("AUTOSSH_MESSAGE", 20, 1)]
    [InlineData("AUTOSSH_PATH", 21, 1)]
    [InlineData("AUTOSSH_PIDFILE", 22, 1)]
    [InlineData("AUTOSSH_POLL", 23, 1)]
    [InlineData("AUTOSSH_FIRST_POLL", 24, 1)]
    [InlineData("AUTOSSH_PORT", 25, 1)]
    [InlineData("AUTOSSH_DEBUG", 26, 2)]
    public void Each_variable_sits_in_a_20_character_column_with_26_space_continuations(string name, int index, int count)
    {
        var lines = CompatUsage.Text("autossh").Split('\n');

        Assert.Equal("    " + name.PadRight(20) + "- ", lines[index][..26]);
        for (var k = 1; k < count; k++)
        {
            Assert.Matches("^ {26}[^ ]", lines[index + k]);
        }

        Assert.DoesNotMatch("^ {26}", lines[index + count]);
    }

    [Fact]
    public void Usage_states_the_facts_autossh_states()
    {
        var text = CompatUsage.Text("autossh");

        Assert.Contains("precedence over AUTOSSH_PORT", text);
        Assert.Contains("Default is 30 seconds", text);
        Assert.Contains("0 turns monitoring off", text);
        Assert.Contains("max 64 bytes", text);
    }
}
