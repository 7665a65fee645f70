using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SshKeep.Demo;
using SshKeep.Tests.Integration.Infrastructure;
using static SshKeep.Native.SignalNumbers;

namespace SshKeep.Tests.Integration;

/// <summary>
/// The web page's browser test: Debian's headless chromium loads the web page of a daemon holding two
/// real tunnels, the page's script renders them, and after one tunnel's ssh is killed the page
/// shows the restart. The page renders from JavaScript, so the DOM is dumped again until the
/// deadline rather than read once. The layout tests drive one live page (<see cref="ChromiumPage"/>)
/// at 1280 and 390 px and measure it in the browser (docs/observability.md, "The web page"); a
/// failing one keeps its screenshot and names it.
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

            // A client through web's held port: the row names the port and counts the client.
            Assert.True(await EchoProbe.RoundTripAsync(world.WebPort, "through the held port\n"u8.ToArray(), TimeSpan.FromSeconds(20)));
            dom = await DomUntilAsync(browser, url, d => Row(d, "web") is { } web && AcceptedClients().IsMatch(web.Html),
                "web's held port with its client");
            Assert.Contains($"data-listen=\"127.0.0.1:{world.WebPort}\"", Row(dom, "web")!.Value.Html, StringComparison.Ordinal);

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

    [ChromiumFact]
    public async Task At_1280_and_390_px_a_long_state_and_a_long_error_leave_every_button_on_screen_and_nothing_broken_or_sideways()
    {
        await using var world = await HttpAgainstSshdTests.TwoTunnelsAsync();
        // The remote port is held by a listener of this test, so the -R tunnel waits for it:
        // "waiting-for-remote-port" and the port, the longest state there is.
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var held = ((IPEndPoint)holder.LocalEndpoint).Port;
        await world.WriteConfigAsync(
            ("web", $"local: \"127.0.0.1:{world.WebPort}:127.0.0.1:{world.EchoPort}\"", []),
            ("reverse-api", $"remote: \"127.0.0.1:{held}:127.0.0.1:{world.EchoPort}\"", []),
            // A tunnel named like a state, with an error far longer than a table cell: its ssh's
            // last line of stderr, written by a ProxyCommand that then ends the ssh (ssh would
            // otherwise add lines of its own).
            ("broken", $"local: \"127.0.0.1:{world.DbPort}:127.0.0.1:{world.EchoPort}\"",
             [$"ssh_options: {{ ProxyCommand: \"sh -c 'echo {LongError} >&2; kill -9 $PPID'\" }}"]));
        var http = LoopbackPort.PickFree();
        await using var daemon = world.Up(extraArguments: ["--http", $"127.0.0.1:{http}"]);
        await daemon.AllUpAsync(["web"]);
        var status = Array.Empty<System.Text.Json.JsonElement>();
        await Eventually.WaitUntilAsync(async () =>
            {
                status = await daemon.StatusAsync();
                return status.Any(t => t.GetProperty("name").GetString() == "reverse-api" && t.GetProperty("state").GetString() == "waiting-for-remote-port") &&
                       status.Any(t => t.GetProperty("name").GetString() == "broken" && t.GetProperty("lastError").GetString() is { } error && error.Contains("lazy dog", StringComparison.Ordinal));
            },
            () => $"reverse-api to wait for port {held} and broken to show its long error; status:\n{string.Join("\n", status)}\nthe daemon said:\n{daemon.Log}", DaemonWorld.Generous);
        await using var page = await ChromiumPage.OpenAsync();
        const string shown = """
            (() => {
              const row = (name) => document.querySelector(`#tunnel-rows tr[data-tunnel="${name}"]`);
              return row("web")?.dataset.state === "up" && row("reverse-api")?.dataset.state === "waiting-for-remote-port" &&
                row("broken")?.querySelector(".error")?.textContent.includes("lazy dog");
            })()
            """;

        foreach (var (width, height) in new[] { (1280, 800), (390, 844) })
        {
            await page.SetViewportAsync(width, height);
            await page.NavigateAsync($"http://127.0.0.1:{http}/", shown);
            var screenshot = Path.Combine(Path.GetTempPath(), $"sshkeep-page-{width}-{Guid.NewGuid():N}.png");
            await page.ScreenshotAsync(screenshot);
            var problems = (await page.EvaluateAsync(LayoutProblems))!.AsArray().Select(p => p!.GetValue<string>()).ToList();
            Assert.True(problems.Count == 0, $"at {width} px (screenshot {screenshot}):\n{string.Join("\n", problems)}\nstatus: {await daemon.TunnelAsync("broken")}");
            File.Delete(screenshot);
        }
    }

    [ChromiumFact]
    public async Task The_header_tells_every_time_in_one_format_and_a_notice_from_a_button_goes_away_by_itself()
    {
        await using var world = await HttpAgainstSshdTests.TwoTunnelsAsync();
        var http = LoopbackPort.PickFree();
        await using var daemon = world.Up(extraArguments: ["--http", $"127.0.0.1:{http}"]);
        await daemon.AllUpAsync(["web", "db"]);
        // A browser in a language whose own format has AM/PM and month/day/year, and a zone
        // that is not UTC: the page must still say every time one way.
        await using var page = await ChromiumPage.OpenAsync(new Dictionary<string, string?> { ["TZ"] = "America/New_York", ["LANG"] = "en_US.UTF-8" });
        await page.SetViewportAsync(1280, 800);
        await page.NavigateAsync($"http://127.0.0.1:{http}/",
            """document.querySelector('#tunnel-rows tr[data-tunnel="db"]')?.dataset.state === "up" && document.getElementById("live").dataset.live === "ok" """);

        var header = (await page.EvaluateAsync("""document.querySelector("header").innerText"""))!.GetValue<string>();
        Assert.True(Stamp().Count(header) == 2, $"the header names when the daemon started and when the page was updated, each as a local date and 24-hour time with the zone: {header}");
        var rest = Stamp().Replace(header, "");
        Assert.False(Regex.IsMatch(rest, @"\d:\d\d|\d+/\d+/\d+|\b[AP]M\b"), $"the header writes a time in another format: {header}");

        // Every text the notice shows is recorded, so a notice that comes and goes between two
        // looks of the test is still seen.
        await page.EvaluateAsync("""
            window.sshkeepNotices = [];
            new MutationObserver(() => window.sshkeepNotices.push(document.getElementById("notice").textContent))
              .observe(document.getElementById("notice"), { childList: true, characterData: true, subtree: true });
            document.querySelector('#tunnel-rows tr[data-tunnel="db"] button.restart').click();
            """);
        await page.WaitUntilAsync("""window.sshkeepNotices.some((text) => text.includes("db"))""", "the page to say it restarts db");
        await page.WaitUntilAsync("""document.getElementById("notice").textContent === "" """, "the notice about db's restart to go away",
            TimeSpan.FromSeconds(60));
    }

    private const string LongError =
        "kex_exchange_identification: read: Connection reset by peer, while talking to bastion-eu-west-1.internal.example.net " +
        "through the jump host gateway.example.net, and the quick brown fox jumps over the lazy dog";

    /// <summary>
    /// What is wrong with the page's layout in the current viewport, one sentence each; empty when
    /// nothing is. Every button is scrolled to and must then lie inside the viewport and be what a
    /// click at its centre hits; the page must not be wider than the viewport; each tunnel's name
    /// and state must be one line inside its cell; a long error must be whole in its tooltip and
    /// open on a click without widening the page.
    /// </summary>
    private const string LayoutProblems = """
        (async () => {
          const problems = [];
          const root = document.documentElement;
          const viewport = () => `${root.clientWidth}×${window.innerHeight} viewport`;
          const wide = () => { if (root.scrollWidth > root.clientWidth) problems.push(`the page is ${root.scrollWidth} px wide in a ${viewport()}`); };
          wide();
          for (const button of document.querySelectorAll("button")) {
            const what = `${button.closest("tr")?.dataset.tunnel ?? "the page"}'s "${button.textContent}" button`;
            // Scrolled to vertically only: a button the page can only show by scrolling sideways is off screen.
            window.scrollTo(0, window.scrollY + button.getBoundingClientRect().top - window.innerHeight / 2);
            const r = button.getBoundingClientRect();
            if (r.width === 0 || r.left < 0 || r.top < 0 || r.right > root.clientWidth || r.bottom > window.innerHeight) {
              problems.push(`${what} is at ${Math.round(r.left)},${Math.round(r.top)}–${Math.round(r.right)},${Math.round(r.bottom)}, outside the ${viewport()}`);
              continue;
            }
            const hit = document.elementFromPoint((r.left + r.right) / 2, (r.top + r.bottom) / 2);
            if (!button.contains(hit)) problems.push(`${what} is covered by ${hit?.outerHTML.slice(0, 120)}`);
          }
          window.scrollTo(0, 0);
          const lines = (node) => {
            const range = document.createRange();
            range.selectNodeContents(node);
            return new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size;
          };
          for (const row of document.querySelectorAll("#tunnel-rows tr")) {
            for (const [what, node] of [["name", row.querySelector(".name .value")], ["state", row.querySelector(".state")]]) {
              const cell = node.closest("td").getBoundingClientRect();
              const box = node.getBoundingClientRect();
              const n = lines(node);
              if (n !== 1) problems.push(`${row.dataset.tunnel}'s ${what} "${node.textContent}" takes ${n} lines`);
              if (box.left < cell.left - 0.5 || box.right > cell.right + 0.5)
                problems.push(`${row.dataset.tunnel}'s ${what} "${node.textContent}" (${Math.round(box.left)}–${Math.round(box.right)}) sticks out of its cell (${Math.round(cell.left)}–${Math.round(cell.right)})`);
            }
          }
          const state = await (await fetch("/api/state", { cache: "no-store" })).json();
          for (const t of state.status.tunnels.filter((x) => x.lastError)) {
            const error = document.querySelector(`#tunnel-rows tr[data-tunnel="${t.name}"] .error .value`);
            const tip = error.title || error.closest("td").title;
            if (tip !== t.lastError) problems.push(`${t.name}'s error does not carry its full text in its tooltip: "${tip}"`);
            if (error.scrollWidth <= error.clientWidth && error.scrollHeight <= error.clientHeight) continue;
            error.click();
            await new Promise(requestAnimationFrame);
            if (error.scrollWidth > error.clientWidth || error.scrollHeight > error.clientHeight)
              problems.push(`${t.name}'s error is still cut after a click (${error.scrollWidth}×${error.scrollHeight} in ${error.clientWidth}×${error.clientHeight})`);
            wide();
            error.click();
          }
          return problems;
        })()
        """;

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

    /// <summary>The page's one format of a time: local date, 24-hour time, the zone's offset.</summary>
    [GeneratedRegex(@"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} [+-]\d{2}:\d{2}")]
    private static partial Regex Stamp();

    [GeneratedRegex("data-accepted=\"[1-9][0-9]*\" data-waiting=\"0\"")]
    private static partial Regex AcceptedClients();

    [GeneratedRegex("<tr data-tunnel=\"(?<tunnel>[^\"]*)\" data-state=\"(?<state>[^\"]*)\" data-restarts=\"(?<restarts>[^\"]*)\">.*?</tr>", RegexOptions.Singleline)]
    private static partial Regex TableRow();
}
