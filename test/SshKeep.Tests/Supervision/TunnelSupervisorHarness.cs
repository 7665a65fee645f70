using System.Threading.Channels;
using SshKeep.Config;
using SshKeep.Ssh;
using SshKeep.Supervision;
using SshKeep.Tests.Fakes;
using SshKeep.Tests.Integration.Infrastructure;

namespace SshKeep.Tests.Supervision;

/// <summary>
/// A <see cref="TunnelSupervisor"/> on a manual clock with a fake ssh whose listeners accept.
/// Nothing here sleeps or polls: a test waits for the transitions the supervisor publishes (read
/// in order from a channel), for the shell to be waiting for its next event
/// (<see cref="TunnelSupervisor.Idle"/>) before it moves the clock, and for the fakes' own signals.
/// </summary>
internal sealed class TunnelSupervisorHarness : IAsyncDisposable
{
    public const string Authenticated = "Authenticated to bastion ([10.0.0.1]:22) using \"publickey\".";

    private readonly CancellationTokenSource _stop = new();
    private readonly List<TunnelStatus> _history = [];
    private readonly Channel<TunnelTransition> _transitions = Channel.CreateUnbounded<TunnelTransition>();
    private readonly Channel<ForwardSpec> _listenerChecks = Channel.CreateUnbounded<ForwardSpec>();

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
            Destinations = ["deploy@bastion"],
            Forwards = [new ForwardSpec(ForwardKind.Local, "127.0.0.1", 15432, "db.internal", 5432)],
        };
        config = configure?.Invoke(config) ?? config;
        var options = new TunnelSupervisorOptions
        {
            StartInfoFor = (_, destination) => new SshStartInfo("ssh", ["-N", destination], CaptureStandardError: true),
            ListenerAccepts = (forward, _) =>
            {
                _listenerChecks.Writer.TryWrite(forward);
                return Task.FromResult(ListenersAccept);
            },
            NextUnit = () => 0.5,
        };
        Supervisor = new TunnelSupervisor(config, Launcher, Log, Clock, wire?.Invoke(options) ?? options, transition =>
        {
            lock (_history) _history.Add(transition.After);
            _transitions.Writer.TryWrite(transition);
        });
        Run = Task.Run(() => Supervisor.RunAsync(_stop.Token));
    }

    public IReadOnlyList<TunnelStatus> History { get { lock (_history) return [.. _history]; } }

    public TunnelState State => Supervisor.Status.State;

    /// <summary>Reads the published transitions, in order, up to the next one whose status matches.</summary>
    public async Task<TunnelStatus> UntilAsync(Func<TunnelStatus, bool> match, string what)
    {
        while (true)
        {
            var next = await _transitions.Reader.ReadAsync().AsTask()
                .Within($"{what} (transitions so far: {string.Join(", ", History.Select(s => s.State))})");
            if (match(next.After)) return next.After;
        }
    }

    /// <summary>Reads the transitions up to the next one into <paramref name="state"/>.</summary>
    public Task<TunnelStatus> InStateAsync(TunnelState state) => UntilAsync(s => s.State == state, $"the tunnel is {state}");

    /// <summary>Waits until the shell waits for its next event with nothing queued.</summary>
    public Task IdleAsync() => Supervisor.Idle.Within("the supervisor to wait for its next event");

    /// <summary>Moves the clock once the supervisor is waiting (its timer armed for what comes next).</summary>
    public async Task AdvanceAsync(double seconds)
    {
        await IdleAsync();
        Clock.Advance(seconds);
    }

    /// <summary>Waits for the next check of a local listener.</summary>
    public Task<ForwardSpec> ListenerCheckedAsync() => _listenerChecks.Reader.ReadAsync().AsTask().Within("a listener check");

    /// <summary>Brings ssh start #<paramref name="count"/> (or the next one) up: it authenticates,
    /// the listeners are checked, and the settle time passes.</summary>
    public async Task<FakeSshProcess> UpAsync(FakeSshProcess? ssh = null)
    {
        ssh ??= await Launcher.NextStartAsync();
        while (_listenerChecks.Reader.TryRead(out _)) { }
        ssh.Say(Authenticated);
        await ListenerCheckedAsync();
        await AdvanceAsync(0.5);
        await InStateAsync(TunnelState.Up);
        return ssh;
    }

    /// <summary>With probes on: brings the next start up (its first probe round passes) and
    /// returns once the wait before the next round is armed.</summary>
    public async Task<FakeSshProcess> UpProbedAsync()
    {
        var ssh = await Launcher.NextStartAsync();
        while (_listenerChecks.Reader.TryRead(out _)) { }
        ssh.Say(Authenticated);
        await ListenerCheckedAsync();
        await IdleAsync();
        Clock.ForgetArms();
        Clock.Advance(0.5);
        await InStateAsync(TunnelState.Up);
        await Clock.ArmedAsync().Within("the wait before the next probe round");
        return ssh;
    }

    /// <summary>Moves the clock to the next probe round, and returns once the wait after it is armed.</summary>
    public async Task RoundAsync()
    {
        Clock.ForgetArms();
        Clock.AdvanceToNextTimer();
        await Clock.ArmedAsync().Within("the wait after a probe round");
    }

    /// <summary>Lets the wait the supervisor is in run out, and returns the ssh started after it.</summary>
    public async Task<FakeSshProcess> AfterTheWaitAsync()
    {
        await IdleAsync();
        Clock.Advance(Supervisor.Status.NextRetry!.Value - Clock.GetUtcNow());
        return await Launcher.NextStartAsync();
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
