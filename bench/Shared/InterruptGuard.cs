using System.Runtime.InteropServices;
using SshKeep.Demo;

namespace SshKeep.Bench;

/// <summary>
/// Ctrl-C, SIGTERM, SIGHUP and SIGQUIT cancel the run, whose finally blocks remove the firewall
/// rules and stop every process it started; a second signal removes the rules at once and exits.
/// At process exit, whatever way it comes, every rule tagged with this pid is removed as a last
/// resort (.NET installs no SIGTERM handler of its own: design.md §6).
/// </summary>
internal sealed class InterruptGuard : IDisposable
{
    private readonly CancellationTokenSource _cancel = new();
    private readonly List<PosixSignalRegistration> _registrations = [];
    private int _signals;

    public InterruptGuard()
    {
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP, PosixSignal.SIGQUIT })
            _registrations.Add(PosixSignalRegistration.Create(signal, OnSignal));
        AppDomain.CurrentDomain.ProcessExit += OnExit;
    }

    public CancellationToken Token => _cancel.Token;

    public void Dispose()
    {
        foreach (var registration in _registrations) registration.Dispose();
        AppDomain.CurrentDomain.ProcessExit -= OnExit;
        RemoveRules();
        _cancel.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        if (Interlocked.Increment(ref _signals) == 1)
        {
            Console.Error.WriteLine($"{context.Signal}: stopping; removing firewall rules and every process this run started (again to exit at once)");
            _cancel.Cancel();
            return;
        }
        RemoveRules();
        Console.Error.WriteLine($"{context.Signal} again: firewall rules removed; exiting now (sshd or keeper processes may be left)");
        Environment.Exit(130);
    }

    private void OnExit(object? sender, EventArgs e) => RemoveRules();

    private static void RemoveRules()
    {
        try
        {
            var removed = LoopbackFirewall.RemoveStale(Environment.ProcessId);
            if (removed > 0) Console.Error.WriteLine($"removed {removed} iptables rules this run had left");
        }
        catch (LoopbackFirewallException e)
        {
            Console.Error.WriteLine($"could not remove this run's iptables rules: {e.Message}; remove the rules tagged sshkeep-{Environment.ProcessId}- by hand (iptables -S INPUT)");
        }
    }
}
