using System.Globalization;
using System.Text;
using System.Text.Json;
using SshKeep.Demo;

namespace SshKeep.Bench.Footprint;

/// <summary>
/// One `sshkeep up` daemon holding every tunnel of the plan. It starts with the first batch;
/// each later batch is appended to the tunnels file and applied with `sshkeep reload` (a reload
/// starts only the added tunnels), so sshd never sees more than a batch of handshakes at once. "Up" is what
/// the daemon's status.json says.
/// </summary>
internal sealed class SshkeepFleet(
    string sshkeep, ThrowawaySshd sshd, TunnelPlan plan, bool probes, IReadOnlyDictionary<string, string?> environment,
    string workDirectory, TimeSpan batchDeadline) : IKeeperFleet
{
    private readonly string _configPath = Path.Combine(workDirectory, "tunnels.yaml");
    private readonly string _runDirectory = Path.Combine(workDirectory, "run");
    private BackgroundProcess? _daemon;

    public IReadOnlyList<int> Pids => _daemon is { HasExited: false } daemon ? [daemon.Pid] : [];

    public string? DaemonLog => _daemon?.StandardError;

    public async Task StartAsync(int batch, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_runDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        for (var started = 0; started < plan.Count;)
        {
            started = Math.Min(plan.Count, started + Math.Max(1, batch));
            WriteConfig(started);
            if (_daemon is null)
            {
                _daemon = BackgroundProcess.Start(sshkeep, ["up", "-c", _configPath, "--run-dir", _runDirectory], environment);
            }
            else
            {
                // `sshkeep reload`, not SIGHUP: a keeper started under nohup inherits SIGHUP ignored,
                // and the runtime then leaves it ignored.
                await using var reload = BackgroundProcess.Start(sshkeep, ["reload", "-c", _configPath, "--run-dir", _runDirectory]);
                var status = await reload.Exited.WaitAsync(cancellationToken);
                if (status != 0) throw new InvalidOperationException($"sshkeep reload exited with {status}: {reload.StandardError}{reload.StandardOutput}");
            }
            await WaitUntilUpAsync(started, cancellationToken);
        }
    }

    public int CountUp() => ReadStates().Count(s => s.State == "up");

    public async ValueTask DisposeAsync()
    {
        if (_daemon is null) return;
        // SIGTERM: the daemon stops every ssh (TERM, grace, KILL) before it exits.
        await _daemon.StopAsync(TimeSpan.FromSeconds(60));
        await _daemon.DisposeAsync();
    }

    private async Task WaitUntilUpAsync(int count, CancellationToken cancellationToken)
    {
        var deadline = TimeProvider.System.GetTimestamp();
        while (true)
        {
            if (_daemon!.HasExited)
                throw new InvalidOperationException($"sshkeep exited with {await _daemon.Exited}:\n{Tail(_daemon.StandardError)}");
            var states = ReadStates();
            if (states.Count == count && states.All(s => s.State == "up")) return;
            if (TimeProvider.System.GetElapsedTime(deadline) > batchDeadline)
            {
                var notUp = states.Where(s => s.State != "up").Take(5).Select(s => $"{s.Name}: {s.State} {s.LastError}");
                throw new TimeoutException($"{states.Count(s => s.State == "up")} of {count} tunnels up after {batchDeadline.TotalSeconds:0} s; " +
                                           string.Join("; ", notUp));
            }
            await Task.Delay(TimeSpan.FromMilliseconds(500), TimeProvider.System, cancellationToken);
        }
    }

    private List<(string Name, string State, string? LastError)> ReadStates()
    {
        var file = Directory.Exists(_runDirectory) ? Directory.GetFiles(_runDirectory, "status-*.json").FirstOrDefault() : null;
        if (file is null) return [];
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllBytes(file));
            return [.. json.RootElement.GetProperty("tunnels").EnumerateArray().Select(t => (
                t.GetProperty("name").GetString() ?? "",
                t.GetProperty("state").GetString() ?? "",
                t.TryGetProperty("lastError", out var e) ? e.GetString() : null))];
        }
        catch (Exception e) when (e is IOException or JsonException)
        {
            return []; // replaced while we read it; the next look will do
        }
    }

    private void WriteConfig(int count)
    {
        var yaml = new StringBuilder();
        yaml.AppendLine("# bench/footprint: " + (probes ? "default probes" : "probes off"));
        yaml.AppendLine("defaults:");
        yaml.Append(sshd.TunnelKeysYaml("  "));
        if (!probes)
        {
            yaml.AppendLine("  health:");
            yaml.AppendLine("    probe_interval: 0");
        }
        yaml.AppendLine("tunnels:");
        for (var i = 0; i < count; i++)
        {
            yaml.AppendLine(CultureInfo.InvariantCulture, $"  {plan.Name(i)}:");
            yaml.AppendLine(CultureInfo.InvariantCulture, $"    destination: {sshd.Destination}");
            yaml.AppendLine(CultureInfo.InvariantCulture, $"    forwards: [ {{ local: \"{plan.Forward(i)}\" }} ]");
        }
        var temporary = _configPath + ".tmp";
        File.WriteAllText(temporary, yaml.ToString());
        File.Move(temporary, _configPath, overwrite: true);
    }

    private static string Tail(string text) => string.Join('\n', text.Split('\n').TakeLast(20));
}
