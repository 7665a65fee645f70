using System.Globalization;
using System.Text;
using SshKeep.Demo;

namespace SshKeep.Tests.Integration;

/// <summary>
/// What a daemon-mode test runs against: a private sshd, an echo target, a tunnels file and a run
/// directory. <see cref="StartAsync"/> writes three tunnels (web and db -L, back -R); a test may
/// write its own file before <see cref="Up"/>.
/// </summary>
internal sealed class DaemonWorld : IAsyncDisposable
{
    /// <summary>How long the daemon tests wait for what should happen within seconds.</summary>
    public static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    private readonly EchoServer _echo;

    private DaemonWorld(ThrowawaySshd sshd, EchoServer echo, string directory)
    {
        Sshd = sshd;
        _echo = echo;
        Directory = directory;
    }

    public ThrowawaySshd Sshd { get; }

    /// <summary>The world's private folder (config, run directory, anything a test adds); deleted on disposal.</summary>
    public string Directory { get; }

    public int WebPort { get; } = LoopbackPort.PickFree();
    public int DbPort { get; } = LoopbackPort.PickFree();
    public int BackPort { get; } = LoopbackPort.PickFree();
    public int EchoPort => _echo.Port;
    public string ConfigPath => Path.Combine(Directory, "tunnels.yaml");
    public string RunDirectory => Path.Combine(Directory, "run");

    public static async Task<DaemonWorld> StartAsync()
    {
        var sshd = await ThrowawaySshd.CreateAsync();
        var world = new DaemonWorld(sshd, EchoServer.Start(), System.IO.Directory.CreateTempSubdirectory("sshkeep-daemon-it-").FullName);
        System.IO.Directory.CreateDirectory(world.RunDirectory);
        await world.WriteConfigAsync(("web", $"local: \"127.0.0.1:{world.WebPort}:127.0.0.1:{world.EchoPort}\""),
                                     ("db", $"local: \"127.0.0.1:{world.DbPort}:127.0.0.1:{world.EchoPort}\""),
                                     ("back", $"remote: \"127.0.0.1:{world.BackPort}:127.0.0.1:{world.EchoPort}\""));
        return world;
    }

    /// <summary>One tunnel per entry, each with one forward written in the short form ("local: …").</summary>
    public Task WriteConfigAsync(params (string Name, string Forward)[] tunnels) =>
        WriteConfigAsync([.. tunnels.Select(t => (t.Name, t.Forward, Array.Empty<string>()))]);

    /// <summary>As above, with more keys for a tunnel ("identity_file: /path"), one YAML line each.</summary>
    public Task WriteConfigAsync(params (string Name, string Forward, string[] Keys)[] tunnels)
    {
        var yaml = new StringBuilder();
        yaml.AppendLine("defaults:");
        yaml.Append(Sshd.TunnelKeysYaml("  "));
        yaml.AppendLine("  health: { server_alive_interval: 2, server_alive_count_max: 2, connect_timeout: 5 }");
        yaml.AppendLine("tunnels:");
        foreach (var (name, forward, keys) in tunnels)
        {
            yaml.AppendLine(CultureInfo.InvariantCulture, $"  {name}:");
            yaml.AppendLine(CultureInfo.InvariantCulture, $"    destination: {Sshd.Destination}");
            yaml.AppendLine(CultureInfo.InvariantCulture, $"    forwards: [ {{ {forward} }} ]");
            foreach (var key in keys) yaml.AppendLine(CultureInfo.InvariantCulture, $"    {key}");
        }

        return File.WriteAllTextAsync(ConfigPath, yaml.ToString());
    }

    /// <summary>Starts `sshkeep up` on the config; <paramref name="extraArguments"/> go after the usual ones (e.g. --http).</summary>
    public RunningDaemon Up(string? notifySocket = null, IReadOnlyList<string>? extraArguments = null) => new(this, BackgroundProcess.Start(SshkeepUnderTest.BinaryPath,
        ["up", "-c", ConfigPath, "--run-dir", RunDirectory, .. extraArguments ?? []],
        new Dictionary<string, string?> { ["NOTIFY_SOCKET"] = notifySocket, ["WATCHDOG_USEC"] = null, ["JOURNAL_STREAM"] = null }));

    public async Task<bool> CarriesBytesAsync(int port)
    {
        var token = Encoding.ASCII.GetBytes($"through {port}\n");
        var deadline = DateTime.UtcNow + Generous;
        while (DateTime.UtcNow < deadline)
        {
            if (await EchoProbe.RoundTripAsync(port, token, TimeSpan.FromSeconds(2))) return true;
            await Task.Delay(100);
        }

        return false;
    }

    public async ValueTask DisposeAsync()
    {
        await _echo.DisposeAsync();
        await Sshd.DisposeAsync();
        try { System.IO.Directory.Delete(Directory, recursive: true); }
        catch (IOException) { }
    }
}
