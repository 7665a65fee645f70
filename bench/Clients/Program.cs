using System.Globalization;
using SshKeep.Bench;
using SshKeep.Bench.Clients;
using SshKeep.Demo;

// bench/clients: composition root. See ClientsOptionsParser.Usage and bench/README.md.
var defaults = new ClientsOptions
{
    OutputDirectory = Path.GetFullPath(Path.Combine(Environment.CurrentDirectory, "bench", "results")),
    SshkeepPath = Path.Combine(AppContext.BaseDirectory, "sshkeep"),
};
var (options, error) = ClientsOptionsParser.Parse(args, defaults);
if (options is null)
{
    if (error is null)
    {
        Console.WriteLine(ClientsOptionsParser.Usage);
        return 0;
    }
    Console.Error.WriteLine($"bench/clients: {error}");
    return 2;
}

var problems = KeeperPreflight.Problems("bench/clients", [.. options.Scenarios.Where(s => s.NeedsRoot).Select(s => s.Id)], options);
if (problems.Count > 0)
{
    foreach (var problem in problems) Console.Error.WriteLine($"bench/clients: {problem}");
    return 2;
}

var time = TimeProvider.System;
using var guard = new InterruptGuard();
var sshPath = DemoTools.Find("ssh")!;
sshPath = new FileInfo(sshPath).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? sshPath;
if (!BenchStart.RemoveOrphanedRules("bench/clients")) return 2;

var startedAt = time.GetUtcNow();
var stamp = startedAt.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
Directory.CreateDirectory(options.OutputDirectory);
var reportPath = Path.Combine(options.OutputDirectory, $"clients-{stamp}.md");
var logDirectory = Path.Combine(options.OutputDirectory, $"clients-{stamp}");
var machine = await BenchStart.DescribeMachineAsync(options, guard.Token);
var results = new List<ClientTrialResult>();
var complete = false;

Console.Error.WriteLine($"{options.CommandLine}: {options.Scenarios.Count} scenarios × {options.Keepers.Count} keepers × {options.Reps} reps, " +
                        $"keepers side by side; trial logs in {logDirectory}");
try
{
    for (var rep = 1; rep <= options.Reps; rep++)
    {
        foreach (var scenario in options.Scenarios)
        {
            var keepers = options.Keepers.Where(k => !scenario.DaemonOnly || k == KeeperKind.Daemon);
            var trials = keepers.Select(k => new ClientTrial(k, scenario, rep, options, sshPath, time)).ToList();
            var outcomes = await Task.WhenAll(trials.Select(t => t.RunAsync(logDirectory, guard.Token)));
            results.AddRange(outcomes);
            foreach (var r in outcomes)
            {
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"rep {rep}/{options.Reps} {scenario.Id,-13} {r.Keeper.Id(),-8} {r.Attempts.Count,4} attempts {r.Failed,4} failed  " +
                    $"back to working {S(r.BackToWorking)}{(r.Note is null ? "" : $"  ({r.Note})")}"));
            }
            // Written after every scenario, so an interrupted run keeps what it measured.
            await File.WriteAllTextAsync(reportPath, ClientsReport.Render(options, machine, startedAt, results, complete: false), CancellationToken.None);
        }
    }
    complete = true;
}
catch (OperationCanceledException) when (guard.Token.IsCancellationRequested)
{
    Console.Error.WriteLine("interrupted; the report below has the trials that finished");
}

var report = ClientsReport.Render(options, machine, startedAt, results, complete);
await File.WriteAllTextAsync(reportPath, report, CancellationToken.None);
Console.WriteLine(report);
Console.Error.WriteLine($"report: {reportPath}");
return complete ? 0 : 130;

static string S(TimeSpan? span) => span is { } s ? string.Create(CultureInfo.InvariantCulture, $"{s.TotalSeconds,6:0.00} s") : "     —  ";
