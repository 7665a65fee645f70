using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SshKeep.Demo;
using SshKeep.Tests.Integration.Infrastructure;

namespace SshKeep.Tests.Integration;

/// <summary>
/// One page open in Debian's headless chromium, driven over the DevTools protocol (the browser's own
/// WebSocket, no driver package): set the viewport, load a URL, run JavaScript in the page and read
/// its result, click through the page's own handlers, take a screenshot. Unlike
/// <see cref="HeadlessChromium"/>'s one-shot calls, the page stays loaded, so a test can act on it
/// and then watch it change. The browser and every process it started are ended by pid on disposal.
/// </summary>
internal sealed class ChromiumPage : IAsyncDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    private readonly BackgroundProcess _browser;
    private readonly string _profile;
    private readonly ClientWebSocket _socket = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonNode?>> _calls = new();
    private readonly CancellationTokenSource _closing = new();
    private Task _reader = Task.CompletedTask;
    private int _nextId;

    private ChromiumPage(BackgroundProcess browser, string profile)
    {
        _browser = browser;
        _profile = profile;
    }

    /// <summary>Starts chromium on about:blank with the given environment (TZ, LANG) and connects to its page.</summary>
    public static async Task<ChromiumPage> OpenAsync(IReadOnlyDictionary<string, string?>? environment = null)
    {
        var profile = Directory.CreateTempSubdirectory("sshkeep-chromium-").FullName;
        var browser = BackgroundProcess.Start("chromium",
            [.. HeadlessChromium.CommonArguments(profile), "--remote-debugging-port=0", "--lang=en-US", "about:blank"],
            new Dictionary<string, string?>(HeadlessChromium.Environment.Concat(environment ?? new Dictionary<string, string?>())));
        var page = new ChromiumPage(browser, profile);
        try
        {
            await page.ConnectAsync();
            return page;
        }
        catch
        {
            await page.DisposeAsync();
            throw;
        }
    }

    /// <summary>A viewport of <paramref name="width"/>×<paramref name="height"/> CSS px; below 500 px wide, a phone's
    /// (the page's viewport meta tag applies).</summary>
    public Task SetViewportAsync(int width, int height) => CallAsync("Emulation.setDeviceMetricsOverride", new JsonObject
    {
        ["width"] = width, ["height"] = height, ["deviceScaleFactor"] = 1, ["mobile"] = width < 500,
    });

    /// <summary>Loads <paramref name="url"/> and waits until <paramref name="ready"/> (a JavaScript expression) is true.</summary>
    public async Task NavigateAsync(string url, string ready)
    {
        await CallAsync("Page.navigate", new JsonObject { ["url"] = url });
        await WaitUntilAsync($"document.readyState === 'complete' && ({ready})", $"{url} to load and show {ready}");
    }

    /// <summary>Runs <paramref name="expression"/> in the page (a promise is awaited) and returns its value as JSON.</summary>
    public async Task<JsonNode?> EvaluateAsync(string expression)
    {
        var answer = await CallAsync("Runtime.evaluate", new JsonObject
        {
            ["expression"] = expression, ["returnByValue"] = true, ["awaitPromise"] = true, ["userGesture"] = true,
        });
        if (answer?["exceptionDetails"] is { } exception)
            throw new InvalidOperationException($"the page threw on {expression}: {exception.ToJsonString()}");
        return answer?["result"]?["value"];
    }

    /// <summary>Polls <paramref name="expression"/> in the page until it is true.</summary>
    public Task WaitUntilAsync(string expression, string what, TimeSpan? timeout = null) =>
        Eventually.WaitUntilAsync(async () => (await EvaluateAsync($"Boolean({expression})"))?.GetValue<bool>() == true, what, timeout ?? Deadline);

    /// <summary>Writes a PNG of what the viewport shows.</summary>
    public async Task ScreenshotAsync(string file)
    {
        var answer = await CallAsync("Page.captureScreenshot", new JsonObject { ["format"] = "png" });
        await File.WriteAllBytesAsync(file, Convert.FromBase64String(answer!["data"]!.GetValue<string>()));
    }

    public async ValueTask DisposeAsync()
    {
        await _closing.CancelAsync();
        try { await _reader; }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException) { }
        _socket.Dispose();
        await HeadlessChromium.EndAsync(_browser);
        _closing.Dispose();
        try { Directory.Delete(_profile, recursive: true); }
        catch (IOException) { }
    }

    private async Task ConnectAsync()
    {
        // chromium writes the port it chose into the profile (first line) once it listens.
        var activePort = Path.Combine(_profile, "DevToolsActivePort");
        await Eventually.WaitUntilAsync(() => Task.FromResult(File.Exists(activePort) && File.ReadAllLines(activePort).Length >= 2),
            () => $"chromium to listen for DevTools; it said:\n{_browser.StandardError}", Deadline);
        var port = int.Parse(File.ReadAllLines(activePort)[0], System.Globalization.CultureInfo.InvariantCulture);
        using var http = new HttpClient { Timeout = Deadline };
        var targets = JsonNode.Parse(await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/json/list")))!.AsArray();
        var page = targets.First(t => t?["type"]?.GetValue<string>() == "page")!;
        using var connecting = new CancellationTokenSource(Deadline);
        await _socket.ConnectAsync(new Uri(page["webSocketDebuggerUrl"]!.GetValue<string>()), connecting.Token);
        _reader = ReadAsync(_closing.Token);
    }

    private async Task<JsonNode?> CallAsync(string method, JsonObject parameters)
    {
        var id = Interlocked.Increment(ref _nextId);
        var answer = new TaskCompletionSource<JsonNode?>(TaskCreationOptions.RunContinuationsAsynchronously);
        _calls[id] = answer;
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters };
        await _socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, endOfMessage: true, _closing.Token);
        return await answer.Task.Within($"chromium to answer {method}", Deadline);
    }

    /// <summary>Hands each answer to the call that waits for it; events (no id) are not used.</summary>
    private async Task ReadAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var part = await _socket.ReceiveAsync(buffer, cancellationToken);
                if (part.MessageType == WebSocketMessageType.Close) break;
                message.Write(buffer, 0, part.Count);
                if (!part.EndOfMessage) continue;
                var json = JsonNode.Parse(message.ToArray());
                message.SetLength(0);
                if (json?["id"]?.GetValue<int>() is not { } id || !_calls.TryRemove(id, out var call)) continue;
                if (json["error"] is { } error) call.SetException(new InvalidOperationException($"chromium refused: {error.ToJsonString()}"));
                else call.SetResult(json["result"]);
            }
        }
        finally
        {
            foreach (var call in _calls.Values) call.TrySetException(new InvalidOperationException("chromium's DevTools connection closed"));
        }
    }
}
