using SshKeep.Tests.Differential.Harness;

namespace SshKeep.Tests.Differential.Cases;

/// <summary>autossh's log events (R86), normalised the way <see cref="Normalizer"/> writes them.</summary>
public static class Ev
{
    public const string MonitoringOff = "port set to 0, monitoring disabled";
    public const string ChildPid = "ssh child pid is {ssh-pid}";
    public const string MaxStart = "max start count reached; exiting";
    public const string SignalledToExit = "signalled to exit";
    public const string Restart = "signalled to kill and restart ssh";
    public const string Lifetime = "exceeded maximum time to live, shutting down";
    public const string PortDown = "port down, restarting ssh";

    public static string Starting(int run) => $"starting ssh (count {run})";

    public static string Starting(int run, int max) => $"starting ssh (count {run} of {max})";

    /// <summary>"starting ssh (count N)" and "ssh child pid is …" (R60).</summary>
    public static string[] Started(int run) => [Starting(run), ChildPid];

    public static string[] Started(int run, int max) => [Starting(run, max), ChildPid];

    public static string OnSignal(int signal) => $"ssh exited on signal {signal}, restarting ssh";

    public static string Premature(int status) => $"ssh exited prematurely with status {status}; {{prog}} exiting";

    public static string ErrorRestart(int status) => $"ssh exited with error status {status}; restarting ssh";

    public static string Exiting(int status) => $"ssh exited with status {status}; {{prog}} exiting";

    public static string SignalToExit(int signal) => $"received signal to exit ({signal})";

    public static string ShortPoll(int milliseconds) => $"short poll time: adjusting net timeouts to {milliseconds}";

    public static string InvalidPort(string text) => $"invalid port \"{text}\"";

    public static string InvalidEchoPort(string text) => $"invalid echo port  \"{text}\"";

    public static string OutOfRange(string n) => $"monitor port ({n}) out of range";

    /// <summary>Concatenates event groups into one expected sequence.</summary>
    public static string[] Seq(params object[] parts) =>
        [.. parts.SelectMany(p => p switch
        {
            string s => [s],
            IEnumerable<string> many => many,
            _ => throw new ArgumentException("string or strings expected", nameof(parts)),
        })];
}

/// <summary>Small builders so the case tables stay readable.</summary>
public static class Build
{
    public static IReadOnlyDictionary<string, string?> Env(params (string Name, string? Value)[] vars) =>
        vars.ToDictionary(v => v.Name, v => v.Value);

    public static IReadOnlyDictionary<string, string?> NoEnv { get; } = new Dictionary<string, string?>();

    public static string[] Args(params string[] args) => args;

    /// <summary>Watch run 1 start, sample the pid file, send the signal to the keeper.</summary>
    public static Step[] RunThenSignal(int signal) =>
        [new Step.AwaitWatching(1), new Step.SamplePidFile(), new Step.Send(signal)];

    /// <summary>Run N started within this many seconds of the first signal the script sent (R69: ~0.05 s).</summary>
    public static Func<Observation, IEnumerable<string>> StartFollowsSignal(int run, double within) => o =>
        o.Starts.Count >= run && o.SignalsSent.Count > 0 && o.Starts[run - 1].At - o.SignalsSent[0].At is >= 0 and var d && d <= within
            ? [] : [$"run {run} should start within {within}s of the signal; starts at [{string.Join(", ", o.Starts.Select(s => s.At))}], signals at [{string.Join(", ", o.SignalsSent.Select(s => s.At))}]"];

    /// <summary>-f: the foreground exits, the daemon starts ssh, we stop it with SIGTERM (found via the pid file).</summary>
    public static Step[] DaemonThenTerm =>
        [new Step.AwaitForegroundExit(), new Step.AwaitWatching(1), new Step.SamplePidFile(), new Step.Send(Sig.Term), new Step.AwaitDaemonGone()];

    /// <summary>-f: the foreground exits, the daemon runs to its own end.</summary>
    public static Step[] DaemonRunsOut =>
        [new Step.AwaitForegroundExit(), new Step.AwaitStarts(1), new Step.AwaitDaemonGone()];
}
