using SshKeep.Tests.Integration.Infrastructure;

namespace SshKeep.Tests.Packaging;

/// <summary>
/// Both pages render without a single warning, checked the way lintian checks a package's pages
/// (its groff-message tag: man-db's man with warnings on), and by groff with every warning on.
/// </summary>
public sealed class ManPageRenderingTests
{
    public static TheoryData<string> Pages() => ["sshkeep.1", "sshkeep-tunnels.5"];

    [ManPageToolsTheory]
    [MemberData(nameof(Pages))]
    public async Task Man_renders_the_page_without_a_warning(string page)
    {
        var result = await Run.ProgramAsync("man", ["--warnings", "-E", "UTF-8", "-l", "-Tutf8", "-Z", PathOf(page)],
            environment: new Dictionary<string, string?> { ["LC_ALL"] = "C.UTF-8", ["MANROFFSEQ"] = "", ["MANWIDTH"] = "80" });

        Assert.Equal("", result.StandardError);
        Assert.Equal(0, result.ExitCode);
        Assert.NotEmpty(result.StandardOutput);
    }

    [ManPageToolsTheory]
    [MemberData(nameof(Pages))]
    public async Task Groff_with_every_warning_on_has_nothing_to_say(string page)
    {
        var result = await Run.ProgramAsync("groff", ["-man", "-Tutf8", "-ww", "-z", PathOf(page)]);

        Assert.Equal("", result.StandardError);
        Assert.Equal(0, result.ExitCode);
    }

    private static string PathOf(string page) => Path.Combine(ManPageRoff.RepositoryRoot(), "packaging", "man", page);
}
