using SshKeep.Compat;
using static SshKeep.Tests.Compat.CompatRun;

namespace SshKeep.Tests.Compat;

/// <summary>The ssh argv built from the command line (spec R7, R14–R21 and our fixes).</summary>
public sealed class CompatSshArgumentsTests
{
    private const string Loop20000 = "-L 20000:127.0.0.1:20000 -R 20000:127.0.0.1:20001";

    [Theory]
    // R15: forwards first (Debian), plain decimal, host 127.0.0.1.
    [InlineData("-M 0 host", "host")]
    [InlineData("-M 20000 host", Loop20000 + " host")]
    [InlineData("-M 20000:7 host", "-L 20000:127.0.0.1:7 host")]
    [InlineData("-N host -M 20000 -L 1:a:2", Loop20000 + " -N -L 1:a:2 host")]
    [InlineData("-M20000 -N host", Loop20000 + " -N host")]
    [InlineData("-M 20000:70000 host", "-L 20000:127.0.0.1:70000 host")]
    [InlineData("-M 65534 host", "-L 65534:127.0.0.1:65534 -R 65534:127.0.0.1:65535 host")]
    [InlineData("-M 1 host", "-L 1:127.0.0.1:1 -R 1:127.0.0.1:2 host")]
    // R8: the last -M wins.
    [InlineData("-M 0 -M 20000 host", Loop20000 + " host")]
    [InlineData("-M 30000 -M 20000 host", Loop20000 + " host")]
    [InlineData("-M 20000 -M 0 host", "host")]
    // R7: GNU permutation moves options (with their values) ahead of operands.
    [InlineData("-M 0 host ls -la", "-la host ls")]
    [InlineData("-M 0 host -N", "-N host")]
    [InlineData("host -M 0 -p 22 cmd", "-p 22 host cmd")]
    [InlineData("-M 0 -p22 -p 23 host", "-p22 -p 23 host")]
    // R16a: the first "--" stops option processing and is dropped; later ones are passed.
    [InlineData("-M 0 -- host ls -la", "host ls -la")]
    [InlineData("-M 0 host -- ls -la", "host ls -la")]
    [InlineData("-M 0 -- host -- x -- y", "host -- x -- y")]
    [InlineData("-M 0 -N host -- -N", "-N host -N")]
    // R16b: after the stop, -M is ssh's own (ControlMaster).
    [InlineData("-M 0 -- -M host", "-M host")]
    [InlineData("-M 0 -- -V", "-V")]
    // R17 fixed: only autossh's own -f goes, every f before the first value-taking letter.
    [InlineData("-M 0 -Nf host", "-N host")]
    [InlineData("-M 0 -fN host", "-N host")]
    [InlineData("-M 0 -f host", "host")]
    [InlineData("-M 0 -fl user host", "-l user host")]
    [InlineData("-M 0 -ffN host", "-N host")]
    [InlineData("-M 0 -Nfv host", "-Nv host")]
    [InlineData("-M 0 host -fN", "-N host")]
    [InlineData("-M 0 -N -f -v host", "-N -v host")]
    // ... and host names, option values and remote-command words are never touched.
    [InlineData("-M 0 -lfoo host", "-lfoo host")]
    [InlineData("-M 0 -L8080:f:80 fhost", "-L8080:f:80 fhost")]
    [InlineData("-M 0 -l f fhost", "-l f fhost")]
    [InlineData("-M 0 -of=yes host", "-of=yes host")]
    [InlineData("-M 0 -Nlf host", "-Nlf host")]
    [InlineData("-M 0 host -- -f -af -lf", "host -f -af -lf")]
    [InlineData("-M 0 host -- --foo", "host --foo")]
    // R20 fixed: -M goes with its value wherever getopt found it, also inside clusters.
    [InlineData("-NM 20000 host", Loop20000 + " -N host")]
    [InlineData("-NM20000 host", Loop20000 + " -N host")]
    [InlineData("-fM 20000 host", Loop20000 + " host")]
    [InlineData("-fNM0 host", "-N host")]
    [InlineData("-M 0 -pM host", "-pM host")]
    // R21 fixed: OpenSSH 9's value-taking letters keep their values.
    [InlineData("-M 0 -J jump -N host", "-J jump -N host")]
    [InlineData("-M 0 -Jjump host", "-Jjump host")]
    [InlineData("-M 0 -B eth0 host", "-B eth0 host")]
    [InlineData("-M 0 -P tag host", "-P tag host")]
    [InlineData("-M 0 -W h:22 host", "-W h:22 host")]
    [InlineData("-M 0 -E log -Q cipher host", "-E log -Q cipher host")]
    [InlineData("-M 0 -o ProxyJump=jump host", "-o ProxyJump=jump host")]
    [InlineData("-M 0 -1246aACgGkKnNqstTvxXyY host", "-1246aACgGkKnNqstTvxXyY host")]
    // An option value is taken whole, even when it looks like an option or a "--".
    [InlineData("-M 0 -o --x host", "-o --x host")]
    [InlineData("-M 0 -l -- host", "-l -- host")]
    [InlineData("-M 0 -p -V host", "-p -V host")]
    [InlineData("-M 0 -l -Mx host", "-l -Mx host")]
    // A lone "-" is an operand.
    [InlineData("-M 0 host -", "host -")]
    public void Arguments_are_built_as_autossh_does_with_the_documented_fixes(string commandLine, string expected)
    {
        var run = Run(Words(commandLine));

        Assert.Equal(expected, Show(run.Settings.SshArguments));
        Assert.Equal("/usr/bin/ssh", run.Settings.SshPath);
    }

    [Theory]
    // R19: empty arguments, given or left over, are never passed on.
    [InlineData(new[] { "-M", "0", "host", "", "x" }, "host x")]
    [InlineData(new[] { "-M", "0", "-p", "", "host" }, "-p host")]
    [InlineData(new[] { "-M", "0", "", "host" }, "host")]
    [InlineData(new[] { "-M", "0", "host", "echo a b" }, "host 'echo a b'")]
    [InlineData(new[] { "-M", " 20000", "host" }, Loop20000 + " host")]
    public void Arguments_with_empty_or_spaced_elements_are_built_as_autossh_does(string[] args, string expected)
    {
        Assert.Equal(expected, Show(Run(args).Settings.SshArguments));
    }

    [Theory]
    // R7 with POSIXLY_CORRECT (any value): glibc stops at the first operand; nothing after it
    // is read as an option or removed.
    [InlineData("-M 0 host -N x", "host -N x")]
    [InlineData("-M 0 host -M 5 x", "host -M 5 x")]
    [InlineData("-M 0 -N -- host -- x", "-N host -- x")]
    [InlineData("-M 0 host -V", "host -V")]
    [InlineData("-M 0 host -h", "host -h")]
    [InlineData("-M 0 host -f", "host -f")]
    [InlineData("-M 0 -f host", "host")]
    public void Posixly_correct_stops_option_processing_at_the_first_operand(string commandLine, string expected)
    {
        var run = Run(Words(commandLine), "POSIXLY_CORRECT=");

        Assert.Equal(expected, Show(run.Settings.SshArguments));
    }

    [Theory]
    [InlineData("-M 0 -f host", true)]
    [InlineData("-M 0 -Nf host", true)]
    [InlineData("-M 0 host -fN", true)]
    [InlineData("-fM 0 host", true)]
    [InlineData("-M 0 -N host", false)]
    [InlineData("-M 0 -lf host", false)]
    [InlineData("-M 0 -- host -f", false)]
    [InlineData("-M 0 host -L8080:f:80", false)]
    public void Only_an_f_read_by_getopt_asks_for_the_background(string commandLine, bool detach)
    {
        Assert.Equal(detach, Run(Words(commandLine)).Settings.Detach);
    }

    [Fact]
    public void Autossh_path_replaces_the_program()
    {
        var run = Run(Words("-M 0 -N host"), "AUTOSSH_PATH=/opt/ssh");

        Assert.Equal("/opt/ssh", run.Settings.SshPath);
        Assert.Equal("-N host", Show(run.Settings.SshArguments));
    }

    [Theory]
    // R41: an empty AUTOSSH_PATH is dropped like any empty argument, so the first ssh
    // argument becomes the program (which then fails to run, as with autossh).
    [InlineData("-M 0 -N host", "-N", "host")]
    [InlineData("-M 20000:7 host", "-L", "20000:127.0.0.1:7 host")]
    public void An_empty_autossh_path_makes_the_first_argument_the_program(string commandLine, string program, string rest)
    {
        var run = Run(Words(commandLine), "AUTOSSH_PATH=");

        Assert.Equal(program, run.Settings.SshPath);
        Assert.Equal(rest, Show(run.Settings.SshArguments));
    }

    [Theory]
    [InlineData("-NfL8080:f:80", "-NL8080:f:80 v")]
    [InlineData("-ff", "v")]
    [InlineData("-fM", "")]
    [InlineData("-Mf", "v")]
    [InlineData("-fp", "-p v")]
    [InlineData("-Nfl", "-Nl v")]
    [InlineData("-lfM", "-lfM v")]
    public void A_cluster_loses_only_autossh_letters(string cluster, string sshGets)
    {
        var parsed = Assert.IsType<GetoptOutcome.Parsed>(GnuGetopt.Parse("a", [cluster, "v"], false));

        Assert.Equal(sshGets, Show([.. parsed.SshOptions, .. parsed.Operands]));
    }
}
