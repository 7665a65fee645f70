using System.Text.RegularExpressions;
using SshKeep.Demo;
using SshKeep.Tests.Integration.Infrastructure;
using static SshKeep.Supervision.SignalNumbers;

namespace SshKeep.Tests.Integration;

/// <summary>
/// issue 5's browser test: Debian's headless chromium loads the web page of a daemon holding two
/// real tunnels, the page's script renders them, and after one tunnel's ssh is killed the page
/// shows the restart. The page renders from JavaScript, so the DOM is dumped again until the
/// deadline rather than read once.
/// </summary>
public sealed partial class WebPageInChromiumTests
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(5);

    [ChromiumFact]
    public async Task The_page_lists_both_tunnels_up_and_shows_a_restart_after_an_ssh_is_killed()
    {
        await using var world = await HttpAgainstSshdTests.TwoTunnelsAsync();
        var http = LoopbackPort.PickFree();
        await using var daemon = world.Up(extraArguments: ["--http", $"127.0.0.1:{http}"]);
        await daemon.AllUpAsync(["web", "db"]);
        using var browser = new HeadlessChromium();
        var url = $"http://127.0.0.1:{http}/";
        var screenshot = Path.Combine(Path.GetTempPath(), $"sshkeep-page-{Guid.NewGuid():N}.png");
        try
        {
            await browser.ScreenshotAsync(url, screenshot, 1280, 800, Budget);
            Assert.Equal((1280, 800), HeadlessChromium.PngSize(screenshot));

            var dom = await DomUntilAsync(browser, url, d => Row(d, "web")?.State == "up" && Row(d, "db")?.State == "up", "both tunnels listed as up");
            Assert.Equal("0", Row(dom, "web")!.Value.Restarts);
            Assert.Equal("0", Row(dom, "db")!.Value.Restarts);
            Assert.Contains("2/2 up", dom, StringComparison.Ordinal);

            NativeSignals.Send((await daemon.PidsAsync())["db"], SIGKILL);

            dom = await DomUntilAsync(browser, url, d => Row(d, "db") is { State: "up", Restarts: "1" }, "db up again with one restart");
            Assert.Matches("last: (exited|requested), signal 9", Row(dom, "db")!.Value.Html);
            Assert.Equal("0", Row(dom, "web")!.Value.Restarts);
        }
        finally
        {
            File.Delete(screenshot);
        }
    }

    private static async Task<string> DomUntilAsync(HeadlessChromium browser, string url, Func<string, bool> shows, string what)
    {
        var dom = "";
        await Eventually.WaitUntilAsync(async () => shows(dom = await browser.DumpDomAsync(url, Budget)),
            () => $"the page to show {what}; its last DOM:\n{dom}", TimeSpan.FromSeconds(90));
        return dom;
    }

    /// <summary>The row the page's script drew for <paramref name="tunnel"/>, or null.</summary>
    private static (string State, string Restarts, string Html)? Row(string dom, string tunnel)
    {
        foreach (Match row in TableRow().Matches(dom))
        {
            if (row.Groups["tunnel"].Value == tunnel) return (row.Groups["state"].Value, row.Groups["restarts"].Value, row.Value);
        }
        return null;
    }

    [GeneratedRegex("<tr data-tunnel=\"(?<tunnel>[^\"]*)\" data-state=\"(?<state>[^\"]*)\" data-restarts=\"(?<restarts>[^\"]*)\">.*?</tr>", RegexOptions.Singleline)]
    private static partial Regex TableRow();
}
