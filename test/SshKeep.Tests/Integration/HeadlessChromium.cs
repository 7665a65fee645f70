using System.Buffers.Binary;
using SshKeep.Demo;
using SshKeep.Native;
using SshKeep.Tests.Integration.Infrastructure;

namespace SshKeep.Tests.Integration;

/// <summary>
/// Debian's chromium, headless, with a private profile: dumps a page's DOM after its script ran,
/// or takes a screenshot. Each call is one browser process, ended (with every process it started,
/// by pid) before the call returns.
/// </summary>
internal sealed class HeadlessChromium : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    private readonly string _profile = Directory.CreateTempSubdirectory("sshkeep-chromium-").FullName;

    /// <summary>The DOM after <paramref name="budget"/> of the page's virtual time (the page polls, then renders).</summary>
    public async Task<string> DumpDomAsync(string url, TimeSpan budget) =>
        (await RunAsync(["--dump-dom", VirtualTime(budget), url])).StandardOutput;

    /// <summary>Writes a PNG of the page at <paramref name="width"/>×<paramref name="height"/>.</summary>
    public async Task ScreenshotAsync(string url, string file, int width, int height, TimeSpan budget)
    {
        var browser = await RunAsync([$"--screenshot={file}", $"--window-size={width},{height}", "--hide-scrollbars", VirtualTime(budget), url]);
        if (!File.Exists(file)) throw new InvalidOperationException($"chromium wrote no screenshot:\n{browser.StandardError}");
    }

    /// <summary>Width and height from a PNG's IHDR chunk.</summary>
    public static (int Width, int Height) PngSize(string file)
    {
        var header = File.ReadAllBytes(file).AsSpan(0, 24);
        if (!header[..8].SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A })) throw new InvalidDataException($"{file} is not a PNG");
        return (BinaryPrimitives.ReadInt32BigEndian(header[16..20]), BinaryPrimitives.ReadInt32BigEndian(header[20..24]));
    }

    public void Dispose()
    {
        try { Directory.Delete(_profile, recursive: true); }
        catch (IOException) { }
    }

    /// <summary>How every test starts chromium: headless, with the private profile <paramref name="profile"/>.</summary>
    public static string[] CommonArguments(string profile) =>
        ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", $"--user-data-dir={profile}"];

    /// <summary>No session bus here: without this chromium waits for D-Bus before giving up on it.</summary>
    public static IReadOnlyDictionary<string, string?> Environment { get; } = new Dictionary<string, string?> { ["DBUS_SESSION_BUS_ADDRESS"] = "disabled:" };

    /// <summary>Ends <paramref name="browser"/>: its renderer and helper processes first (they are its children), then itself.</summary>
    public static async Task EndAsync(BackgroundProcess browser)
    {
        foreach (var child in ProcessTable.DescendantsOf(browser.Pid)) NativeSignals.Send(child, SignalNumbers.SIGKILL);
        await browser.DisposeAsync();
    }

    private static string VirtualTime(TimeSpan budget) => $"--virtual-time-budget={(int)budget.TotalMilliseconds}";

    private async Task<BackgroundProcess> RunAsync(IEnumerable<string> arguments)
    {
        var browser = BackgroundProcess.Start("chromium", [.. CommonArguments(_profile), .. arguments], Environment);
        try
        {
            await browser.Exited.Within("chromium to finish", Deadline);
            return browser;
        }
        finally
        {
            await EndAsync(browser);
        }
    }
}
