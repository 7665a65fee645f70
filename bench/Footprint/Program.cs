using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using SshKeep.Bench.Footprint;
using SshKeep.Demo;

// bench/footprint's harness (bench/README.md): a throwaway sshd and echo target, then for each
// tunnel count and keeper a fleet of -L tunnels, a settle period, an idle window read from /proc,
// and one Markdown table on stdout (and in --out).
// bench/footprint names the binary it published; --sshkeep PATH on the command line wins.
var arguments = args.ToList();
if (Environment.GetEnvironmentVariable("SSHKEEP_FOOTPRINT_BINARY") is { Length: > 0 } published && !arguments.Contains("--sshkeep"))
    arguments.AddRange(["--sshkeep", published]);
var (options, error) = FootprintOptions.Parse(arguments);
if (options is null)
{
    Console.Error.WriteLine(error == "" ? FootprintOptions.Usage : $"footprint: {error}");
    return error == "" ? 0 : 2;
}

using var stopping = new CancellationTokenSource();
using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stopping.Cancel(); });
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stopping.Cancel(); });
var token = stopping.Token;

var clockTicks = ClockTicksPerSecond();
var keepers = options.Keepers.ToList();
if (keepers.Contains(KeeperKind.Autossh) && !File.Exists(options.Autossh))
{
    Console.Error.WriteLine($"footprint: {options.Autossh} not found (apt-get install autossh, or --autossh PATH); leaving autossh out");
    keepers.Remove(KeeperKind.Autossh);
}

var startedAt = DateTimeOffset.UtcNow;
var loadBefore = File.ReadAllText("/proc/loadavg").Split(' ')[0];
var results = new List<ScenarioResult>();
await using (var sshd = await ThrowawaySshd.CreateAsync(new ThrowawaySshdOptions
{
    // A batch of tunnels is a batch of simultaneous handshakes; sshd's default (10:30:100) starts
    // dropping at 10. Probes open a channel per forward through each session, never a session.
    ExtraConfig = ["MaxStartups 200:30:400", "MaxSessions 100"],
}, cancellationToken: token))
await using (var echo = EchoServer.Start())
{
    Console.Error.WriteLine($"footprint: sshd on 127.0.0.1:{sshd.Port}, echo target on 127.0.0.1:{echo.Port}");
    foreach (var count in options.Counts)
    {
        foreach (var keeper in keepers)
        {
            if (token.IsCancellationRequested) break;
            results.Add(await RunScenarioAsync(keeper, count, sshd, echo.Port));
            var r = results[^1];
            Console.Error.WriteLine(r.Measurement is { } m
                ? string.Create(CultureInfo.InvariantCulture,
                    $"footprint: {ResultTable.Describe(keeper)}, {count} tunnels: RSS {m.RssKb / 1024.0:0.0} MB, PSS {m.PssKb / 1024.0:0.0} MB, CPU {m.CpuPercentOfOneCore:0.00} %, {m.WakeupsPerSecond:0.0} wake-ups/s, {r.Up}/{count} up, machine {r.MachineBusyPercent:0} % busy")
                : $"footprint: {ResultTable.Describe(keeper)}, {count} tunnels: failed: {r.Failure}");
        }
    }
}

var header = Header();
var table = ResultTable.Render(results, header, options.Label, options.Details);
Console.Out.Write(table);
if (options.Out is { } outPath)
{
    File.WriteAllText(outPath, table);
    Console.Error.WriteLine($"footprint: table written to {outPath}");
}
return results.All(r => r.Failure is null) ? 0 : 1;

async Task<ScenarioResult> RunScenarioAsync(KeeperKind keeper, int count, ThrowawaySshd sshd, int targetPort)
{
    var work = Directory.CreateTempSubdirectory("sshkeep-footprint-").FullName;
    var plan = TunnelPlan.Choose(count, options.BasePort, targetPort);
    // A batch may wait for sshd to answer a burst of handshakes on a busy machine.
    var batchDeadline = TimeSpan.FromSeconds(120);
    IKeeperFleet fleet = keeper == KeeperKind.Autossh
        ? new AutosshFleet(options.Autossh, sshd, plan, batchDeadline)
        : new SshkeepFleet(options.Sshkeep!, sshd, plan, keeper == KeeperKind.Sshkeep, options.Environment, work, batchDeadline);
    var machineBefore = MachineCpu.Read();
    try
    {
        Console.Error.WriteLine($"footprint: {ResultTable.Describe(keeper)}: starting {count} tunnels, {options.Batch} at a time");
        await fleet.StartAsync(options.Batch, token);
        await Task.Delay(options.Settle, TimeProvider.System, token);
        machineBefore = MachineCpu.Read();
        var measured = await IdleMeasurement.TakeAsync(fleet.Pids, options.Idle, clockTicks, token);
        var busy = MachineCpu.Read().BusyPercentSince(machineBefore);
        return new ScenarioResult(keeper, count, measured, fleet.CountUp(), busy, null);
    }
    catch (Exception e) when (e is TimeoutException or InvalidOperationException or OperationCanceledException)
    {
        if (fleet is SshkeepFleet { DaemonLog: { } log })
            File.WriteAllText(Path.Combine(Path.GetTempPath(), $"sshkeep-footprint-{count}-failed.log"), log);
        return new ScenarioResult(keeper, count, null, fleet.CountUp(), MachineCpu.Read().BusyPercentSince(machineBefore), e.Message.ReplaceLineEndings(" "));
    }
    finally
    {
        await fleet.DisposeAsync();
        Directory.Delete(work, recursive: true);
    }
}

string Header()
{
    var command = Environment.GetEnvironmentVariable("SSHKEEP_FOOTPRINT_COMMAND") ?? "bench/footprint " + string.Join(' ', args);
    var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";
    var kernel = File.ReadAllText("/proc/sys/kernel/osrelease").Trim();
    var loadAfter = File.ReadAllText("/proc/loadavg").Split(' ')[0];
    var env = options.Environment.Count == 0 ? "" : $"; daemon environment: {string.Join(' ', options.Environment.Select(e => $"{e.Key}={e.Value}"))}";
    return string.Create(CultureInfo.InvariantCulture, $"""
        Command: `{command}` — {startedAt:yyyy-MM-dd HH:mm} UTC
        Machine: {Environment.ProcessorCount} cores ({cpu}), Linux {kernel} {RuntimeInformation.OSArchitecture}, {RuntimeInformation.FrameworkDescription}; load average {loadBefore} at start, {loadAfter} at end{env}.
        Each row: tunnels started {options.Batch} at a time to a throwaway sshd on 127.0.0.1, {options.Settle.TotalSeconds:0} s to settle, then {options.Idle.TotalSeconds:0} s idle measured from /proc: RSS = VmRSS and PSS = smaps_rollup Pss at the end of the window (summed over the keeper processes; ssh processes excluded), peak RSS sampled every second, CPU = utime+stime over the window, wake-ups = voluntary context switches of all threads. "machine busy" is the whole machine's CPU use during the window: above a few percent the idle-CPU column is noisy.

        """);
}

static long ClockTicksPerSecond()
{
    using var getconf = Process.Start(new ProcessStartInfo("getconf", ["CLK_TCK"]) { RedirectStandardOutput = true })!;
    var text = getconf.StandardOutput.ReadToEnd();
    getconf.WaitForExit();
    return long.TryParse(text.Trim(), CultureInfo.InvariantCulture, out var ticks) && ticks > 0 ? ticks : 100;
}
