using System.Globalization;
using System.Text;
using SshKeep.Demo;

namespace SshKeep.Tests.Integration;

/// <summary>For tests of `sshkeep up` against a real sshd: a private sshd, an echo target, a
/// config file (three tunnels: web and db -L, back -R) and a run directory.</summary>
internal sealed class DaemonWorld : IAsyncDisposable
{
    private readonly ThrowawaySshd _sshd;
    private readonly EchoServer _echo;
    private readonly string _directory;

    private DaemonWorld(ThrowawaySshd sshd, EchoServer echo, string directory)
    {
        _sshd = sshd;
        _echo = echo;
        _directory = directory;
    }

    /// <summary>How long the daemon tests wait for what should happen within seconds.</summary>
    public static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    public ThrowawaySshd Sshd => _sshd;

    public int WebPort { get; } = LoopbackPort.PickFree();
    public int DbPort { get; } = LoopbackPort.PickFree();
    public int BackPort { get; } = LoopbackPort.PickFree();
    public int EchoPort => _echo.Port;
    public string ConfigPath => Path.Combine(_directory, "tunnels.yaml");
    public string RunDirectory => Path.Combine(_directory, "run");

    public static async Task<DaemonWorld> StartAsync()
    {
        var sshd = await ThrowawaySshd.CreateAsync();
        var world = new DaemonWorld(sshd, EchoServer.Start(), Directory.CreateTempSubdirectory("sshkeep-daemon-it-").FullName);
        Directory.CreateDirectory(world.RunDirectory);
        await world.WriteConfigAsync(("web", $"local: \"127.0.0.1:{world.WebPort}:127.0.0.1:{world.EchoPort}\""),
                                     ("db", $"local: \"127.0.0.1:{world.DbPort}:127.0.0.1:{world.EchoPort}\""),
                                     ("back", $"remote: \"127.0.0.1:{world.BackPort}:127.0.0.1:{world.EchoPort}\""));
        return world;
    }

    public Task WriteConfigAsync(params (string Name, string Forward)[] tunnels)
    {
        var yaml = new StringBuilder();
        yaml.AppendLine("defaults:");
        yaml.AppendLine(CultureInfo.InvariantCulture, $"  port: {_sshd.Port}");
        yaml.AppendLine(CultureInfo.InvariantCulture, $"  identity_file: {_sshd.ClientKeyPath}");
        yaml.AppendLine("  health: { server_alive_interval: 2, server_alive_count_max: 2, connect_timeout: 5 }");
        yaml.AppendLine("  ssh_options:");
        yaml.AppendLine(CultureInfo.InvariantCulture, $"    UserKnownHostsFile: {_sshd.KnownHostsPath}");
        yaml.AppendLine("    StrictHostKeyChecking: \"yes\"");
        yaml.AppendLine("    IdentitiesOnly: \"yes\"");
        yaml.AppendLine("tunnels:");
        foreach (var (name, forward) in tunnels)
        {
            yaml.AppendLine(CultureInfo.InvariantCulture, $"  {name}:");
            yaml.AppendLine(CultureInfo.InvariantCulture, $"    destination: {_sshd.Destination}");
            yaml.AppendLine(CultureInfo.InvariantCulture, $"    forwards: [ {{ {forward} }} ]");
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
        await _sshd.DisposeAsync();
        try { Directory.Delete(_directory, recursive: true); }
        catch (IOException) { }
    }
}
