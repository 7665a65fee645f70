using SshKeep.Ssh;

namespace SshKeep.Tests.Ssh;

public sealed class SpawnPlanTests
{
    [Theory]
    // Compatibility mode, or a daemon without setpriv: ssh itself, searched in PATH like autossh's execvp.
    [InlineData("ssh", "-N|host", null, null, "ssh", "ssh|-N|host", true)]
    [InlineData("/opt/ssh", "host", null, null, "/opt/ssh", "/opt/ssh|host", true)]
    [InlineData("ssh", "", null, null, "ssh", "ssh", true)]
    // The daemon with setpriv: the step at its absolute path, then ssh as found, then ssh's arguments untouched.
    [InlineData("ssh", "-N|host", "/usr/bin/setpriv", "/usr/bin/ssh", "/usr/bin/setpriv", "/usr/bin/setpriv|--pdeathsig|TERM|--|/usr/bin/ssh|-N|host", false)]
    [InlineData("/opt/ssh", "--|-x", "/usr/bin/setpriv", "/opt/ssh", "/usr/bin/setpriv", "/usr/bin/setpriv|--pdeathsig|TERM|--|/opt/ssh|--|-x", false)]
    public void Ssh_is_started_directly_or_through_setpriv(string program, string arguments, string? setpriv, string? resolved,
        string expectedFile, string expectedArgv, bool expectedSearch)
    {
        var plan = SpawnPlan.For(program, arguments.Length == 0 ? [] : arguments.Split('|'), setpriv, resolved);

        Assert.Equal(expectedFile, plan.File);
        Assert.Equal(expectedArgv.Split('|'), plan.Argv);
        Assert.Equal(expectedSearch, plan.SearchPath);
    }
}
