using System.Text;

namespace SshKeep.Tests.Differential.Harness;

/// <summary>The outcome of one case: both observations and every failure found.</summary>
public sealed record CaseResult(DifferentialCase Case, Observation Autossh, Observation? Sshkeep, IReadOnlyList<string> Failures)
{
    public string Report()
    {
        var sb = new StringBuilder();
        sb.AppendLine($"Case: {Case.Name}   ({Case.Rules})");
        sb.AppendLine($"  argv: {string.Join(' ', Case.Args.Select(a => a.Length == 0 || a.Contains(' ', StringComparison.Ordinal) ? $"'{a}'" : a))}");
        if (Case.Env.Count > 0) sb.AppendLine($"  env: {string.Join(' ', Case.Env.Select(kv => $"{kv.Key}={(kv.Value is null ? "(unset)" : $"'{kv.Value}'")}"))}");
        sb.AppendLine($"  fake ssh plan: {Case.Plan}");
        if (Case.Deliberate is { } d) sb.AppendLine($"  deliberate difference ({d.Rule}): {d.What}");
        if (Failures.Count > 0)
        {
            sb.AppendLine("FAILURES:");
            foreach (var f in Failures) sb.AppendLine("  * " + f);
        }
        sb.AppendLine("Observed:");
        sb.Append(Autossh.Describe());
        if (Sshkeep is not null) sb.Append(Sshkeep.Describe());
        return sb.ToString();
    }
}

/// <summary>Runs a case against autossh and sshkeep (in parallel unless the case says not to) and judges it.</summary>
public sealed class CaseRunner(RunEnvironment env, Keeper autossh, Keeper? sshkeep)
{
    private const int WrapperAttempts = 4;

    private const int PremiseAttempts = 4;

    /// <summary>Runs one keeper, again when the run missed the case's timing premise
    /// (<see cref="DifferentialCase.LatestFirstStart"/>); the last run counts whatever it shows.</summary>
    private async Task<Observation> RunWithPremiseAsync(Keeper keeper, DifferentialCase c, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var o = await KeeperRun.RunAsync(keeper, c, env, ct).ConfigureAwait(false);
            var late = c.LatestFirstStart is { } latest && o.Starts.Count > 0 && o.Starts[0].At > latest;
            if (!late || attempt == PremiseAttempts)
            {
                if (attempt > 1) o.Notes.Add($"attempt {attempt}: earlier runs started ssh later than {c.LatestFirstStart} s after launch (a loaded machine)");
                return o;
            }
        }
    }

    /// <summary>
    /// The Debian wrapper's free-port check cannot see busy ports ≥ 40960 (R3: lower-case hex
    /// against /proc/net/tcp's upper case), so on a machine with other listeners it sometimes
    /// picks a port whose P+1 is taken and autossh dies with "bind on …: Address already in
    /// use" (R46). That is the wrapper's documented defect, not what these cases test: try again.
    /// </summary>
    private async Task<Observation> RunAutosshAsync(DifferentialCase c, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var o = await RunWithPremiseAsync(autossh, c, ct).ConfigureAwait(false);
            var clash = c.RandomMonitorPort && o.Starts.Count == 0
                && o.Events.Any(e => e.StartsWith("bind on 127.0.0.1:", StringComparison.Ordinal) && e.EndsWith("Address already in use", StringComparison.Ordinal));
            if (!clash || attempt == WrapperAttempts)
            {
                if (attempt > 1) o.Notes.Add($"attempt {attempt}: earlier wrapper runs hit a busy monitor port (R3 defect)");
                return o;
            }
        }
    }

    public async Task<CaseResult> RunAsync(DifferentialCase c, CancellationToken ct)
    {
        Observation a;
        Observation? s = null;
        if (sshkeep is null)
        {
            a = await RunAutosshAsync(c, ct).ConfigureAwait(false);
        }
        else if (c.SidesInSequence)
        {
            a = await RunAutosshAsync(c, ct).ConfigureAwait(false);
            s = await RunWithPremiseAsync(sshkeep, c, ct).ConfigureAwait(false);
        }
        else
        {
            var ta = RunAutosshAsync(c, ct);
            var ts = RunWithPremiseAsync(sshkeep, c, ct);
            await Task.WhenAll(ta, ts).ConfigureAwait(false);
            a = await ta.ConfigureAwait(false);
            s = await ts.ConfigureAwait(false);
        }

        // Lines written before the run (R42 append case) are not the keeper's.
        var skip = c.PreexistingLog?.Count(ch => ch == '\n') ?? 0;
        // R84: local time, i.e. the keeper's TZ when the case sets one.
        var zone = c.Env.TryGetValue("TZ", out var tz) && tz is not null ? TimeZoneInfo.FindSystemTimeZoneById(tz) : TimeZoneInfo.Local;
        var failures = new List<string>();
        failures.AddRange(Checks.Against(c.Expect, a, c).Select(f => "autossh: " + f));
        failures.AddRange(Checks.LogShape(a, a.Program, zone, skip).Select(f => "autossh: " + f));
        if (s is not null)
        {
            var sshkeepExpect = c.Deliberate?.Sshkeep ?? c.Expect;
            failures.AddRange(Checks.Against(sshkeepExpect, s, c).Select(f => "sshkeep: " + f));
            failures.AddRange(Checks.LogShape(s, s.Program, zone, skip).Select(f => "sshkeep: " + f));
            if (c.Deliberate is null)
                failures.AddRange(Checks.Between(a, s, c).Select(f => "autossh vs sshkeep: " + f));
        }
        return new CaseResult(c, a, s, failures);
    }
}
