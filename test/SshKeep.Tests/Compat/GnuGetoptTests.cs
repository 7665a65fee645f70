using SshKeep.Compat;

namespace SshKeep.Tests.Compat;

/// <summary>GNU getopt's permutation as autossh relies on it (spec R6, R7).</summary>
public sealed class GnuGetoptTests
{
    private static string Describe(GetoptOutcome outcome) => outcome switch
    {
        GetoptOutcome.Parsed p =>
            "options=" + string.Join(",", p.Options.Select(o => o.Value is null ? $"{o.Letter}" : $"{o.Letter}:{o.Value}"))
            + " operands=" + string.Join(",", p.Operands),
        GetoptOutcome.VersionRequested => "version",
        GetoptOutcome.Rejected r => r.Diagnostic,
        _ => throw new ArgumentOutOfRangeException(nameof(outcome)),
    };

    [Theory]
    [InlineData("-M 0 host ls -la", false, "options=M:0,l:a operands=host,ls")]
    [InlineData("-M 0 host ls -la", true, "options=M:0 operands=host,ls,-la")]
    [InlineData("a -N b -- c -N", false, "options=N operands=a,b,c,-N")]
    [InlineData("a -N b -- c -N", true, "options= operands=a,-N,b,--,c,-N")]
    [InlineData("-- -N", true, "options= operands=-N")]
    [InlineData("-NfL8080:h:80 x", false, "options=N,f,L:8080:h:80 operands=x")]
    [InlineData("-Np 22 x", false, "options=N,p:22 operands=x")]
    [InlineData("-p -- x", false, "options=p:-- operands=x")]
    [InlineData("- x", false, "options= operands=-,x")]
    [InlineData("-J jump -N host", false, "options=J:jump,N operands=host")]
    [InlineData("-x -Vh", false, "version")]
    [InlineData("-hV", false, "argv0: invalid option -- 'h'")]
    [InlineData("x -p", false, "argv0: option requires an argument -- 'p'")]
    [InlineData("-M -V", false, "options=M:-V operands=")]
    public void Options_are_read_and_permuted_like_glibc(string line, bool posixlyCorrect, string expected)
    {
        var outcome = GnuGetopt.Parse("argv0", line.Split(' '), posixlyCorrect);

        Assert.Equal(expected, Describe(outcome));
    }

    [Fact]
    public void A_separate_value_stays_with_its_cluster()
    {
        var parsed = Assert.IsType<GetoptOutcome.Parsed>(GnuGetopt.Parse("a", ["host", "-Nl", "user", "cmd"], false));

        Assert.Equal(["-Nl", "user"], parsed.SshOptions);
        Assert.Equal(["host", "cmd"], parsed.Operands);
    }
}
