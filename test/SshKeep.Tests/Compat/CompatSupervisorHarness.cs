using System.Threading.Channels;
using SshKeep.Compat;
using SshKeep.Tests.Fakes;
using SshKeep.Tests.Integration.Infrastructure;


namespace SshKeep.Tests.Compat;

/// <summary>A <see cref="CompatSupervisor"/> wired to a manual clock, fake ssh and scripted signals.</summary>
internal sealed class CompatSupervisorHarness
{
    public ManualTimeProvider Clock { get; } = new();
    public FakeSshLauncher Launcher { get; }
    public ScriptedMonitor Monitor { get; } = new();
    public RecordingLogger Log { get; } = new();
    public Channel<int> Signals { get; } = Channel.CreateUnbounded<int>();
    public DateTimeOffset Started { get; }
    public Task<int> Run { get; }

    public CompatSupervisorHarness(Func<CompatSettings, CompatSettings>? configure = null, Action<FakeSshLauncher>? arrange = null,
        SshKeep.Health.IServerReachability? reachability = null)
    {
        Launcher = new FakeSshLauncher(Clock);
        arrange?.Invoke(Launcher);
        Started = Clock.GetUtcNow();
        var settings = new CompatSettings(new CompatEnvironment())
        {
            ProgramName = "autossh",
            SshArguments = ["-N", "host"],
            Monitor = new MonitorSpec.Off(),
        };
        settings = configure?.Invoke(settings) ?? settings;
        var monitor = settings.Monitor is MonitorSpec.Off ? null : Monitor;
        var supervisor = new CompatSupervisor(settings, Launcher, monitor, reachability, Signals.Reader, Log, Clock, Started);
        Run = Task.Run(() => supervisor.RunAsync());
    }

    public void Send(int signal) => Signals.Writer.TryWrite(signal);

    /// <summary>Waits until the supervisor sleeps on the clock (back-off or poll alarm).</summary>
    public Task SleepingAsync() => Eventually.WaitUntilAsync(() => Clock.ArmedTimers > 0, "the supervisor waits on the clock");

    /// <summary>Waits until the supervisor is in its n-th back-off sleep (R63).</summary>
    public async Task BackingOffAsync(int nth = 1)
    {
        await Eventually.WaitUntilAsync(() => Log.Texts.Count(t => t.StartsWith("sleeping for grace time", StringComparison.Ordinal)) >= nth,
            $"back-off sleep {nth} begins");
        await SleepingAsync();
    }

    public async Task<int> ExitCodeAsync()
    {
        var finished = await Task.WhenAny(Run, Task.Delay(TimeSpan.FromSeconds(10)));
        Assert.True(finished == Run, "the supervisor should have exited");
        return await Run;
    }

    public async Task StillRunningAsync()
    {
        // Give the loop a chance to act wrongly before asserting it did not exit.
        await Task.Delay(50);
        Assert.False(Run.IsCompleted, "the supervisor should still be running");
    }

    public double SecondsSinceStart(DateTimeOffset at) => (at - Started).TotalSeconds;
}
