using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using SshKeep.Ssh;

namespace SshKeep.Demo;

/// <summary>
/// Black-holes one TCP port on the loopback interface with iptables, like a pulled cable: two DROP
/// rules at the top of INPUT on <c>lo</c>, one for packets to the port and one for packets from it,
/// so neither side hears anything and neither gets a reset. For the fault benchmark and the
/// outage tests; root only. Every rule carries the comment <c>sshkeep-PID-PORT</c> (<see cref="TagFor"/>),
/// so disposal removes exactly its own rules, and a crashed run's rules can be found and removed
/// (<see cref="RemoveStale"/>, <see cref="RemoveOrphaned"/>).
/// </summary>
/// <remarks>
/// INPUT alone is enough on loopback: every packet leaves through OUTPUT and comes back in through
/// INPUT on <c>lo</c>, where it is dropped. The rules are inserted first in the chain so that an
/// "ACCEPT established" rule further down cannot let an open connection through.
/// </remarks>
internal sealed partial class LoopbackFirewall : IAsyncDisposable, IDisposable
{
    private const string Chain = "INPUT";

    /// <summary>iptables waits for the xtables lock up to this long (other tests may hold it), then its run is ended.</summary>
    private static readonly TimeSpan IptablesDeadline = TimeSpan.FromSeconds(30);

    private readonly string _iptables;
    private readonly List<string[]> _rules;
    private int _disposed;

    private LoopbackFirewall(string iptables, int port, string tag, List<string[]> rules)
    {
        _iptables = iptables;
        Port = port;
        Tag = tag;
        _rules = rules;
    }

    /// <summary>The black-holed port.</summary>
    public int Port { get; }

    /// <summary>The comment on this firewall's rules, <c>sshkeep-PID-PORT</c>.</summary>
    public string Tag { get; }

    /// <summary>The comment that marks rules of process <paramref name="pid"/> for <paramref name="port"/>.</summary>
    public static string TagFor(int pid, int port) =>
        string.Create(CultureInfo.InvariantCulture, $"sshkeep-{pid}-{port}");

    /// <summary>Null when this process can add rules; otherwise one line saying what is missing.</summary>
    public static string? WhyUnavailable()
    {
        if (!Environment.IsPrivilegedProcess) return "black-holing a port with iptables needs root; run as root (sudo)";
        if (DemoTools.Find("iptables") is null) return "iptables not found; install it (apt-get install iptables)";
        return null;
    }

    /// <summary>
    /// Drops every TCP packet to and from 127.0.0.1:<paramref name="port"/> on <c>lo</c> until disposed.
    /// Returns once both rules are in place.
    /// </summary>
    /// <exception cref="LoopbackFirewallException">Not root, no iptables, or iptables refused (one line, with its reason).</exception>
    public static LoopbackFirewall BlackHole(int port) => BlackHole(port, Environment.ProcessId);

    /// <summary>As <see cref="BlackHole(int)"/>, with the rules tagged for another pid (tests of <see cref="RemoveStale"/>).</summary>
    internal static LoopbackFirewall BlackHole(int port, int ownerPid)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        if (WhyUnavailable() is { } why) throw new LoopbackFirewallException(why);
        var iptables = DemoTools.Find("iptables")!;
        var tag = TagFor(ownerPid, port);
        var portText = port.ToString(CultureInfo.InvariantCulture);
        var firewall = new LoopbackFirewall(iptables, port, tag, []);
        foreach (var direction in new[] { "--dport", "--sport" })
        {
            string[] rule = ["-i", "lo", "-p", "tcp", direction, portText, "-m", "comment", "--comment", tag, "-j", "DROP"];
            var result = Iptables(iptables, ["-I", Chain, "1", .. rule]);
            if (!result.Succeeded)
            {
                firewall.Dispose(); // the rule that did go in comes out again
                throw new LoopbackFirewallException($"iptables could not black-hole port {port}: {FirstLine(result)}");
            }
            firewall._rules.Add(rule);
        }
        return firewall;
    }

    /// <summary>Async form of <see cref="BlackHole(int)"/>: iptables runs off the caller's thread.</summary>
    public static Task<LoopbackFirewall> BlackHoleAsync(int port) => Task.Run(() => BlackHole(port));

    /// <summary>Removes this firewall's rules (each exactly once; later calls do nothing).</summary>
    /// <exception cref="LoopbackFirewallException">A rule could not be removed although it is still there.</exception>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        var failures = new List<string>();
        foreach (var rule in _rules)
        {
            var result = Iptables(_iptables, ["-D", Chain, .. rule]);
            // Already gone (RemoveStale ran, or someone flushed the chain) is what we wanted.
            if (!result.Succeeded && RuleExists(rule)) failures.Add(FirstLine(result));
        }
        if (failures.Count > 0)
            throw new LoopbackFirewallException($"iptables could not remove the rules tagged {Tag}: {string.Join("; ", failures)}");
    }

    public ValueTask DisposeAsync() => new(Task.Run(Dispose));

    /// <summary>
    /// Removes every rule left by process <paramref name="pid"/> (tag <c>sshkeep-PID-*</c>): after
    /// a crash, or from a signal handler of that process before it exits. Returns how many.
    /// </summary>
    public static int RemoveStale(int pid) => Remove(m => m.Pid == pid);

    /// <summary>Removes the rules of every sshkeep process that no longer runs; returns how many.
    /// Rules of running processes (a test run, another benchmark) are left alone.</summary>
    public static int RemoveOrphaned() => Remove(m => !Directory.Exists($"/proc/{m.Pid}"));

    /// <summary>The INPUT rules carrying <paramref name="tag"/>, as <c>iptables -S</c> prints them.</summary>
    public static IReadOnlyList<string> RulesTagged(string tag) =>
        [.. TaggedRules().Where(r => r.Tag == tag).Select(r => r.Line)];

    private static int Remove(Func<(int Pid, string Tag), bool> which)
    {
        if (WhyUnavailable() is not null) return 0;
        var iptables = DemoTools.Find("iptables")!;
        var removed = 0;
        foreach (var rule in TaggedRules().Where(r => which((r.Pid, r.Tag))))
        {
            // "-A INPUT -i lo … --comment sshkeep-1-2 -j DROP" → "-D INPUT …": the same rule spec
            // deletes it. Our comments have no spaces, so splitting on spaces is exact.
            var words = rule.Line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (Iptables(iptables, ["-D", .. words[1..]]).Succeeded) removed++;
        }
        return removed;
    }

    private static IEnumerable<(string Line, string Tag, int Pid)> TaggedRules()
    {
        if (DemoTools.Find("iptables") is not { } iptables || !Environment.IsPrivilegedProcess) yield break;
        var listing = Iptables(iptables, ["-S", Chain]);
        if (!listing.Succeeded) throw new LoopbackFirewallException($"iptables could not list {Chain}: {FirstLine(listing)}");
        foreach (var line in listing.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!line.StartsWith("-A ", StringComparison.Ordinal)) continue;
            if (TagComment().Match(line) is { Success: true } m)
                yield return (line, m.Groups["tag"].Value, int.Parse(m.Groups["pid"].Value, CultureInfo.InvariantCulture));
        }
    }

    private bool RuleExists(string[] rule) => Iptables(_iptables, ["-C", Chain, .. rule]).Succeeded;

    /// <summary>
    /// Runs iptables synchronously: removal must also work from a signal handler or at process exit,
    /// where nothing async can be awaited. -w waits for the xtables lock instead of failing at once.
    /// </summary>
    private static ProcessResult Iptables(string iptables, string[] arguments)
    {
        var startInfo = ProcessRunner.StartInfo(iptables, ["-w", "5", .. arguments], null);
        using var process = Process.Start(startInfo) ?? throw new LoopbackFirewallException($"could not start {iptables}");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var finished = process.WaitForExit(IptablesDeadline);
        if (!finished)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        return new ProcessResult(ProcessRunner.Describe(startInfo), process.ExitCode, stdout.GetAwaiter().GetResult(),
                                 stderr.GetAwaiter().GetResult(), TimedOut: !finished);
    }

    private static string FirstLine(ProcessResult result)
    {
        if (result.TimedOut) return $"{result.Command} did not finish within {IptablesDeadline.TotalSeconds:0} s";
        var text = (result.StandardError + result.StandardOutput).Trim();
        var line = text.Split('\n')[0].Trim();
        return line.Length > 0 ? line : $"{result.Command} exited with {result.ExitCode}";
    }

    [GeneratedRegex(@"--comment (?<tag>sshkeep-(?<pid>\d+)-\d+)(?:\s|$)")]
    private static partial Regex TagComment();
}
