using SshKeep.Demo;
using SshKeep.Ssh;
using SshKeep.Tests.Integration.Infrastructure;
using Xunit.Abstractions;

namespace SshKeep.Tests.Packaging;

/// <summary>
/// lintian, Debian's package checker, has nothing to say about either package: no error, no
/// warning, and with --display-info --pedantic nothing either, once the justified overrides
/// (packaging/debian/lintian-overrides, docs/packaging.md) are applied.
/// </summary>
public sealed class LintianTests(ITestOutputHelper output)
{
    [BuiltPackageFact]
    public async Task Lintian_reports_nothing_on_either_package_even_with_info_and_pedantic_tags_shown()
    {
        string lintian = DemoTools.Find("lintian") ?? throw new InvalidOperationException("lintian is not installed (test.sh installs it as root: apt-get install lintian)");

        var result = await Run.ProgramAsync(lintian,
            ["--display-info", "--pedantic", "--fail-on", "error,warning,info,pedantic", .. BuiltPackages.Architectures.Select(BuiltPackages.PathFor)],
            TimeSpan.FromMinutes(5));
        output.WriteLine($"lintian: exit {result.ExitCode}\n{result.StandardOutput}{result.StandardError}");

        Assert.Equal("", result.StandardOutput);
        Assert.Equal(0, result.ExitCode);
    }
}
