namespace SshKeep.Tests.Differential.Harness;

/// <summary>Who a <see cref="Step.Send"/> signals.</summary>
public enum SignalTarget
{
    /// <summary>The keeper: the process we launched, or with -f the daemon named in the pid file.</summary>
    Keeper,

    /// <summary>The ssh of a given run (checked to be our fake before it is signalled).</summary>
    Ssh,
}

/// <summary>
/// What the harness does while a keeper runs. Every wait is on a condition with a generous
/// deadline; <see cref="Observe"/> is the only timed step, and it awaits nothing: it watches for
/// a while to show that nothing happens (or to let a documented timer run out).
/// </summary>
public abstract record Step
{
    /// <summary>Wait until the fake ssh recorded this many starts.</summary>
    public sealed record AwaitStarts(int Count) : Step;

    /// <summary>Wait until the log file holds this text on at least Count lines.</summary>
    public sealed record AwaitLog(string Text, int Count = 1) : Step;

    /// <summary>Wait until run N has started, its pid is logged, and the keeper has its handlers
    /// installed (autossh installs them only while it watches a child, R71/R60).</summary>
    public sealed record AwaitWatching(int Run) : Step;

    /// <summary>Wait until "restarting ssh" was logged this many times and the keeper sits in its
    /// back-off wait (autossh: the watch handlers are gone again, R74).</summary>
    public sealed record AwaitBackoff(int RestartsLogged) : Step;

    public sealed record Send(int Signal, SignalTarget Target = SignalTarget.Keeper, int Run = 1) : Step;

    /// <summary>Read the pid file now (R83: it holds the keeper's pid while it runs).</summary>
    public sealed record SamplePidFile : Step;

    /// <summary>Watch for this long, awaiting nothing (stops early if the keeper ends).</summary>
    public sealed record Observe(double Seconds) : Step;

    /// <summary>Watch until this many seconds after launch, awaiting nothing.</summary>
    public sealed record ObserveUntil(double SecondsAfterLaunch) : Step;

    /// <summary>-f: wait for the foreground process to exit (R80).</summary>
    public sealed record AwaitForegroundExit : Step;

    /// <summary>-f: wait until the daemon named in the pid file is gone.</summary>
    public sealed record AwaitDaemonGone : Step;
}
