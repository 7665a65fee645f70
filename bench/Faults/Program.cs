using System.Globalization;
using SshKeep.Bench;
using SshKeep.Bench.Faults;
using SshKeep.Demo;
using SshKeep.Ssh;

// bench/faults: composition root. See BenchOptionsParser.Usage and bench/README.md.
var defaults = new BenchOptions
{
    OutputDirectory = Path.GetFullPath(Path.Combine(Environment.CurrentDirectory, "bench", "results")),
    SshkeepPath = Path.Combine(AppContext.BaseDirectory, "sshkeep"),
};
var (options, error) = BenchOptionsParser.Parse(args, defaults);
if (options is null)
{
    if (error is null)
    {
        Console.WriteLine(BenchOptionsParser.Usage);
        return 0;
    }
    Console.Error.WriteLine($"bench/faults: {error}");
    return 2;
}

var problems = KeeperPreflight.Problems("bench/faults", [.. options.Scenarios.Where(s => s.NeedsRoot).Select(s => s.Id)], options);
if (problems.Count > 0)
{
    foreach (var problem in problems) Console.Error.WriteLine($"bench/faults: {problem}");
    return 2;
}

var time = TimeProvider.System;
using var guard = new InterruptGuard();
var sshPath = DemoTools.Find("ssh")!;
sshPath = new FileInfo(sshPath).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? sshPath;

if (!BenchStart.RemoveOrphanedRules("bench/faults")) return 2;

var startedAt = time.GetUtcNow();
var stamp = startedAt.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
Directory.CreateDirectory(options.OutputDirectory);
var reportPath = Path.Combine(options.OutputDirectory, $"faults-{stamp}.md");
var logDirectory = Path.Combine(options.OutputDirectory, $"faults-{stamp}");
var machine = await BenchStart.DescribeMachineAsync(options, guard.Token);
var results = new List<TrialResult>();
var complete = false;

Console.Error.WriteLine($"{options.CommandLine}: {options.Scenarios.Count} scenarios × {options.Keepers.Count} keepers × {options.Reps} reps, " +
                        $"keepers {(options.Serial ? "one after the other" : "side by side")}; trial logs in {logDirectory}");
try
{
    for (var rep = 1; rep <= options.Reps; rep++)
    {
        foreach (var scenario in options.Scenarios)
        {
            var trials = options.Keepers.Select(k => new Trial(k, scenario, rep, options, sshPath, time)).ToList();
            TrialResult[] outcomes;
            if (options.Serial)
            {
                outcomes = new TrialResult[trials.Count];
                for (var i = 0; i < trials.Count; i++) outcomes[i] = await trials[i].RunAsync(logDirectory, guard.Token);
            }
            else
            {
                outcomes = await Task.WhenAll(trials.Select(t => t.RunAsync(logDirectory, guard.Token)));
            }
            results.AddRange(outcomes);
            foreach (var r in outcomes)
            {
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"rep {rep}/{options.Reps} {scenario.Id,-14} {r.Keeper.Id(),-8} detect {S(r.Detected)}  heal → good {S(r.HealToGood)}  outage {S(r.Outage)}{(r.Note is null ? "" : $"  ({r.Note})")}"));
            }
            // Written after every scenario, so an interrupted run keeps what it measured.
            await File.WriteAllTextAsync(reportPath, ResultReport.Render(options, machine, startedAt, results, complete: false), CancellationToken.None);
        }
    }
    complete = true;
}
catch (OperationCanceledException) when (guard.Token.IsCancellationRequested)
{
    Console.Error.WriteLine("interrupted; the report below has the trials that finished");
}

var report = ResultReport.Render(options, machine, startedAt, results, complete);
await File.WriteAllTextAsync(reportPath, report, CancellationToken.None);
Console.WriteLine(report);
Console.Error.WriteLine($"report: {reportPath}");
return complete ? 0 : 130;

static string S(TimeSpan? span) => span is { } s ? string.Create(CultureInfo.InvariantCulture, $"{s.TotalSeconds,6:0.00} s") : "     —  ";
