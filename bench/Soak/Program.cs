using SshKeep.Bench;
using SshKeep.Bench.Soak;
using SshKeep.Demo;

// bench/soak: composition root. See SoakOptionsParser.Usage and bench/README.md.
var defaults = new SoakOptions
{
    OutputDirectory = Path.GetFullPath(Path.Combine(Environment.CurrentDirectory, "bench", "results")),
    SshkeepPath = Path.Combine(AppContext.BaseDirectory, "sshkeep"),
};
var (options, error) = SoakOptionsParser.Parse(args, defaults);
if (options is null)
{
    if (error is null)
    {
        Console.WriteLine(SoakOptionsParser.Usage);
        return 0;
    }
    Console.Error.WriteLine($"bench/soak: {error}");
    return 2;
}

var problems = Preflight.Problems(options);
if (problems.Count > 0)
{
    foreach (var problem in problems) Console.Error.WriteLine($"bench/soak: {problem}");
    return 2;
}

using var guard = new InterruptGuard();
try
{
    if (LoopbackFirewall.RemoveOrphaned() is > 0 and var orphaned)
        Console.Error.WriteLine($"removed {orphaned} iptables rules left by an earlier run that did not end cleanly");
}
catch (LoopbackFirewallException e)
{
    Console.Error.WriteLine($"bench/soak: {e.Message}");
    return 2;
}

var time = TimeProvider.System;
var machine = await MachineDescription.DescribeAsync([("ssh", "-V"), (options.SshkeepPath, "--version")], guard.Token);
var result = await SoakRun.RunAsync(options, machine, Console.Error, time, guard.Token);

var report = SoakReport.Render(result);
var reportPath = Path.ChangeExtension(result.LogPath, ".md");
await File.WriteAllTextAsync(reportPath, report, CancellationToken.None);
Console.WriteLine(report);
Console.Error.WriteLine($"report: {reportPath}");
if (!result.Complete && guard.Token.IsCancellationRequested) return 130;
return SoakGoals.AllMet(result) ? 0 : 1;
