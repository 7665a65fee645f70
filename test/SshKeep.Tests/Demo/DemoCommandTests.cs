using System.Globalization;
using System.Text.RegularExpressions;
using SshKeep.Demo;
using SshKeep.Ssh;
using SshKeep.Tests.Integration.Infrastructure;

namespace SshKeep.Tests.Demo;

public sealed partial class DemoCommandTests
{
    /// <summary>What `./run.sh demo` shows: sshkeep itself keeping the tunnel through both faults.</summary>
    [RequiresFact(Needs.Sshd)]
    public Task The_demo_shows_sshkeep_recovering_from_both_faults_and_leaves_nothing_behind() =>
        DemoRecoversAsync(DemoKeeper.Resolve(SshkeepBinary.Path));

    /// <summary>The same demo with the real autossh as the keeper: the yardstick sshkeep is held to.</summary>
    [RequiresFact(Needs.Autossh | Needs.Sshd)]
    public Task The_demo_shows_autossh_recovering_from_both_faults_and_leaves_nothing_behind() =>
        DemoRecoversAsync(DemoKeeper.Resolve(DemoTools.Find("autossh")));

    private static async Task DemoRecoversAsync(DemoKeeper keeper)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));

        var exitCode = await new DemoCommand(keeper, TimeProvider.System).RunAsync(output, deadline.Token);

        var text = output.ToString();
        Assert.True(exitCode == 0, text);
        Assert.Contains("tunnel up (first good probe after", text);
        Assert.Matches(@"detected after [0-9.]+ s: ""ssh exited on signal 9", text);
        Assert.Matches(@"detected after [0-9.]+ s: ""ssh exited with error status 255", text);
        Assert.Matches(@"SIGKILL ssh child +[0-9.]+ s +[0-9.]+ s", text);
        Assert.Matches(@"SIGSTOP server session +[0-9.]+ s +[0-9.]+ s", text);
        foreach (Match pid in PidsInOutput().Matches(text))
        {
            Assert.Null(ProcessTable.Identify(int.Parse(pid.Groups[1].Value, CultureInfo.InvariantCulture)));
        }
        foreach (Match folder in TempFoldersInOutput().Matches(text)) Assert.False(Directory.Exists(folder.Value), folder.Value);
    }

    [Fact]
    public void The_keeper_named_in_the_environment_is_run_instead_of_this_program()
    {
        var keeper = DemoKeeper.Resolve("/usr/bin/autossh");

        Assert.Equal("/usr/bin/autossh", keeper.Program);
        Assert.Empty(keeper.LeadingArguments);
        Assert.Equal("autossh", keeper.Name);
    }

    [Fact]
    public void Without_a_configured_keeper_the_demo_runs_this_very_program()
    {
        var keeper = DemoKeeper.Resolve(null);

        // Under the test host this process is `dotnet`, so the entry assembly comes first.
        Assert.Equal(Environment.ProcessPath, keeper.Program);
        Assert.Equal("sshkeep", keeper.Name);
    }

    [GeneratedRegex(@"(?:\(pid |sshd pid |ssh child pid is )(\d+)")]
    private static partial Regex PidsInOutput();

    [GeneratedRegex(@"/[^\s]*/sshkeep-[a-z]+-[A-Za-z0-9]+")]
    private static partial Regex TempFoldersInOutput();
}
