using SshKeep.Config;
using SshKeep.Ssh;
using SshKeep.Supervision;
using SshKeep.Tests.Fakes;
using SshKeep.Tests.Integration.Infrastructure;

namespace SshKeep.Tests.Supervision;

/// <summary>A <see cref="TunnelSupervisor"/> on a manual clock with a fake ssh whose listeners accept.</summary>
internal sealed class TunnelSupervisorHarness : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TunnelStatus> _history = [];

    public ManualTimeProvider Clock { get; } = new();
    public FakeSshLauncher Launcher { get; }
    public RecordingLogger Log { get; } = new();
    public TunnelSupervisor Supervisor { get; }
    public Task Run { get; }
    public bool ListenersAccept { get; set; } = true;

    public TunnelSupervisorHarness(Func<TunnelConfig, TunnelConfig>? configure = null,
        Func<TunnelSupervisorOptions, TunnelSupervisorOptions>? wire = null)
    {
        Launcher = new FakeSshLauncher(Clock);
        var config = new TunnelConfig
        {
            Name = "db",
            Destination = "deploy@bastion",
            Forwards = [new ForwardSpec(ForwardKind.Local, "127.0.0.1", 15432, "db.internal", 5432)],
        };
        config = configure?.Invoke(config) ?? config;
        var options = new TunnelSupervisorOptions
        {
            StartInfoFor = c => new SshStartInfo("ssh", ["-N", c.Destination], CaptureStandardError: true),
            ListenerAccepts = (_, _) => Task.FromResult(ListenersAccept),
            NextUnit = () => 0.5,
        };
        Supervisor = new TunnelSupervisor(config, Launcher, Log, Clock, wire?.Invoke(options) ?? options,
            transition => { lock (_history) _history.Add(transition.After); });
        Run = Task.Run(() => Supervisor.RunAsync(_stop.Token));
    }

    public IReadOnlyList<TunnelStatus> History { get { lock (_history) return [.. _history]; } }

    public TunnelState State => Supervisor.Status.State;

    public Task InStateAsync(TunnelState state) =>
        Eventually.WaitUntilAsync(() => State == state, $"the tunnel is {state} (it is {State})", TimeSpan.FromSeconds(10));

    /// <summary>Moves the clock until the tunnel is up: past the settle time after authentication.</summary>
    public async Task<FakeSshProcess> UpAsync()
    {
        var ssh = await Launcher.NextStartAsync();
        ssh.Say("Authenticated to bastion ([10.0.0.1]:22) using \"publickey\".");
        await Eventually.WaitUntilAsync(() =>
        {
            if (State == TunnelState.Up) return true;
            Clock.Advance(0.1);
            return false;
        }, "the tunnel comes up", TimeSpan.FromSeconds(10));
        return ssh;
    }

    /// <summary>Moves the clock until ssh start #<paramref name="count"/> happens, then until it is up.</summary>
    public async Task<FakeSshProcess> UpAsyncAfterStart(int count)
    {
        var ssh = await NextStartWhileAdvancingAsync(count);
        ssh.Say("Authenticated to bastion ([10.0.0.1]:22) using \"publickey\".");
        await AdvanceUntilAsync(() => State == TunnelState.Up, "the tunnel comes up", step: 0.1);
        return ssh;
    }

    /// <summary>Advances the clock in small steps until <paramref name="condition"/> holds.</summary>
    public Task AdvanceUntilAsync(Func<bool> condition, string what, double step = 0.05) =>
        Eventually.WaitUntilAsync(() =>
        {
            if (condition()) return true;
            Clock.Advance(step);
            return false;
        }, what, TimeSpan.FromSeconds(30));

    /// <summary>Waits for the fake process to be started: first the next start, while moving the
    /// clock (starts may be behind a timer).</summary>
    public async Task<FakeSshProcess> NextStartWhileAdvancingAsync(int count)
    {
        await AdvanceUntilAsync(() => Launcher.Starts.Count >= count, $"ssh start #{count} (starts so far: {Launcher.Starts.Count})");
        return Launcher.Starts[count - 1].Process;
    }

    private bool _disposed;

    /// <summary>Stops the supervisor (a test may do it early, to look at what stopping did).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        await _stop.CancelAsync();
        await Run.WaitAsync(TimeSpan.FromSeconds(10));
        _stop.Dispose();
    }
}
