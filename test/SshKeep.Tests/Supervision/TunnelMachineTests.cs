using System.Net;
using SshKeep.Config;
using SshKeep.Health;
using SshKeep.Ssh;
using SshKeep.Supervision;
using SshKeep.Tests.Fakes;
using static SshKeep.Supervision.TunnelEvent;

namespace SshKeep.Tests.Supervision;

/// <summary>Tier 1: every transition of the tunnel machine as a table row: state, event → next
/// phase and the effects asked for, in order (docs/daemon.md, "The tunnel machine").</summary>
public class TunnelMachineTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset RunStart = Now.AddSeconds(-10);

    private static readonly TunnelConfig Config = new()
    {
        Name = "db",
        Destinations = ["deploy@bastion"],
        Forwards = [new ForwardSpec(ForwardKind.Local, "127.0.0.1", 15432, "db.internal", 5432)],
    };

    /// <summary>Wired with nothing optional: no probes, no session claims, no reachability gate.</summary>
    private static readonly TunnelSupervisorOptions Plain = new()
    {
        StartInfoFor = (_, _) => new SshStartInfo("ssh", []),
        ListenerAccepts = (_, _) => Task.FromResult(true),
    };

    private static readonly TunnelSupervisorOptions Probed = Plain with
    {
        ProbeForward = (_, forward, _, _) => Task.FromResult(new ProbeResult(forward, true, TimeSpan.Zero, null)),
    };

    private static readonly TunnelSupervisorOptions Gated = Plain with { Reachability = new FakeReachability() };

    private static TunnelMachineState Starting(TunnelPhase phase, TunnelRun? run = null) => new()
    {
        Config = Config,
        Options = Plain,
        Status = new TunnelStatus { Name = "db", State = TunnelState.Starting, Since = RunStart, Attempts = 1, Pid = run?.Pid is > 0 ? run.Pid : null },
        Phase = phase,
        Run = run,
    };

    private static readonly TunnelRun Running = new(RunStart, Pid: 1001);
    private static readonly TunnelRun WentUp = Running with { UpSince = RunStart.AddSeconds(1) };

    private static TunnelMachineState Up(bool probes = false) => Starting(TunnelPhase.Up, WentUp) with
    {
        Options = probes ? Probed : Plain,
        Status = Starting(TunnelPhase.Up, WentUp).Status with { State = TunnelState.Up, Since = WentUp.UpSince!.Value, UpSince = WentUp.UpSince },
    };

    private static TunnelMachineState Closing(SshStderrLine decisive, bool reachedUp = false, TunnelRun? run = null) =>
        Starting(TunnelPhase.Closing, (run ?? Running) with
        {
            Outcome = new TunnelRunOutcome(ChildExit.Exited(255), decisive, reachedUp, reachedUp ? TimeSpan.FromSeconds(9) : TimeSpan.Zero,
                TimeSpan.FromSeconds(10), "ssh exited with status 255"),
        });

    private static readonly Dictionary<string, TunnelMachineState> States = new()
    {
        ["idle"] = TunnelMachineState.Initial(Config, Plain, RunStart),
        ["launching"] = Starting(TunnelPhase.Launching, new TunnelRun(Now)),
        ["launching, stopping"] = Starting(TunnelPhase.Launching, new TunnelRun(Now)) with { Stopping = true },
        ["connecting"] = Starting(TunnelPhase.Connecting, Running),
        ["connecting, remote forwards only"] = Starting(TunnelPhase.Connecting, Running) with
        {
            Config = Config with { Forwards = [new ForwardSpec(ForwardKind.Remote, null, 8080, "localhost", 80)] },
        },
        ["connecting, stderr closed"] = Starting(TunnelPhase.Connecting, Running with { StderrClosed = true }),
        ["checking listeners"] = Starting(TunnelPhase.CheckingListeners, Running),
        ["polling listeners"] = Starting(TunnelPhase.PollingListeners, Running),
        ["settling"] = Starting(TunnelPhase.Settling, Running),
        ["settling, probes"] = Starting(TunnelPhase.Settling, Running) with { Options = Probed },
        ["settling, probes off in the config"] = Starting(TunnelPhase.Settling, Running) with
        {
            Options = Probed, Config = Config with { Health = Config.Health with { ProbeInterval = 0 } },
        },
        ["settling, claims sessions"] = Starting(TunnelPhase.Settling, Running) with
        {
            Options = Plain with { ClaimSessionSocket = _ => null },
            Config = Config with { Forwards = [.. Config.Forwards, new ForwardSpec(ForwardKind.Remote, null, 8080, "localhost", 80)] },
        },
        ["settling, claims sessions, local forwards only"] = Starting(TunnelPhase.Settling, Running) with
        {
            Options = Plain with { ClaimSessionSocket = _ => null },
        },
        ["proving"] = Starting(TunnelPhase.Proving, Running with { Probing = true }) with { Options = Probed },
        ["proving, network changed"] = Starting(TunnelPhase.Proving, Running with { Probing = true, ProbeAsked = true }) with { Options = Probed },
        ["up"] = Up(),
        ["up, probes"] = Up(probes: true),
        ["up, probing"] = Up(probes: true) with { Run = WentUp with { Probing = true, RoundsSinceListenerChecked = 1 } },
        ["up, probing, one failure"] = Up(probes: true) with { Run = WentUp with { Probing = true, ProbeFailures = 1 } },
        ["stopping ssh"] = Up() with { Phase = TunnelPhase.StoppingSsh },
        ["stopping ssh, stop asked"] = Up() with { Phase = TunnelPhase.StoppingSsh, Stopping = true },
        ["exiting"] = Starting(TunnelPhase.Exiting, Running with { Exit = ChildExit.Exited(255) }),
        ["exiting, remote port held"] = Starting(TunnelPhase.Exiting, Running with
        {
            Exit = ChildExit.Exited(255), Decisive = new SshStderrLine(SshFailureKind.RemotePortInUse, 8080),
        }),
        ["exiting, local port held"] = Starting(TunnelPhase.Exiting, Running with
        {
            Exit = ChildExit.Exited(255), Decisive = new SshStderrLine(SshFailureKind.LocalPortInUse, 15432),
        }),
        ["exiting, restart asked"] = Starting(TunnelPhase.Exiting, Running with
        {
            Exit = ChildExit.Exited(0), EndReason = RestartReasons.Requested, RestartAtOnce = true,
            Decisive = new SshStderrLine(SshFailureKind.RemotePortInUse, 8080),
        }),
        ["closing"] = Closing(new SshStderrLine(SshFailureKind.Transient)),
        ["closing, gated waits"] = Closing(new SshStderrLine(SshFailureKind.Transient)) with { Options = Gated },
        ["closing, was up"] = Closing(new SshStderrLine(SshFailureKind.Transient), reachedUp: true) with { Options = Gated },
        ["closing, restart"] = Closing(default, run: Running with { RestartAtOnce = true }),
        ["closing, stopping"] = Closing(default) with { Stopping = true },
        ["closing, remote port held"] = Closing(new SshStderrLine(SshFailureKind.RemotePortInUse, 8080)),
        ["closing, local port held"] = Closing(new SshStderrLine(SshFailureKind.LocalPortInUse, 15432)),
        ["closing, permanent"] = Closing(new SshStderrLine(SshFailureKind.AuthenticationRefused)),
        ["waiting"] = Starting(TunnelPhase.Waiting, Running) with { Status = Starting(TunnelPhase.Waiting).Status with { State = TunnelState.Backoff } },
        ["stopped"] = Starting(TunnelPhase.Stopped) with { Status = Starting(TunnelPhase.Stopped).Status with { State = TunnelState.Stopped } },
    };

    private static readonly ServerConnection Dead = new(7, new IPEndPoint(IPAddress.Loopback, 40000), new IPEndPoint(IPAddress.Loopback, 22), TcpSocketState.Established, 3);

    private static readonly Dictionary<string, TunnelEvent> Events = new()
    {
        ["begin"] = new Begin(),
        ["ssh started"] = new SshStarted(1001),
        ["ssh could not start"] = new SshCouldNotStart("/usr/bin/ssh", "cannot run /usr/bin/ssh: No such file or directory"),
        ["stderr: authenticated"] = new StderrLine("Authenticated to bastion ([10.0.0.1]:22) using \"publickey\".", true),
        ["stderr: refused"] = new StderrLine("ssh: connect to host bastion port 22: Connection refused", true),
        ["stderr: refused, past the log limit"] = new StderrLine("ssh: connect to host bastion port 22: Connection refused", false),
        ["stderr: noise"] = new StderrLine("Transferred: sent 3, received 5 bytes", true),
        ["stderr: permission denied"] = new StderrLine("deploy@bastion: Permission denied (publickey).", true),
        ["stderr closed"] = new StderrClosed(),
        ["ssh exited"] = new SshExited(ChildExit.Exited(255)),
        ["ssh froze"] = new SshFroze(),
        ["listeners accept"] = new ListenersChecked(true),
        ["listeners refuse"] = new ListenersChecked(false),
        ["probe round passed"] = new ProbeRoundDone([new ProbeResult(Config.Forwards[0], true, TimeSpan.FromMilliseconds(3), null)], TimeSpan.FromMilliseconds(3)),
        ["probe round failed"] = new ProbeRoundDone([new ProbeResult(Config.Forwards[0], false, TimeSpan.FromSeconds(3), "session: no answer within 3s")], TimeSpan.FromSeconds(1)),
        ["connect stalled"] = new ConnectStalled(new IPEndPoint(IPAddress.Parse("10.0.0.1"), 22)),
        ["restart"] = new Command(TunnelCommand.Restart, "restart"),
        ["retry-now"] = new Command(TunnelCommand.RetryNow, "retry-now"),
        ["network changed"] = new Command(TunnelCommand.NetworkChanged, "address added"),
        ["timer due"] = new TimerDue(),
        ["server answers"] = new ServerAnswers(),
        ["run settled"] = new RunSettled(),
        ["run settled, dead session reset"] = new RunSettled(DeadSessionReset: Dead),
        ["run settled, port holder"] = new RunSettled(PortHolder: "held by pid 812 (python3)"),
        ["stop"] = new StopRequested(),
    };

    [Theory]
    // Starting a run
    [InlineData("idle", "begin", TunnelPhase.Launching, "publish starting: starting; start-ssh")]
    [InlineData("idle", "stop", TunnelPhase.Stopped, "close-dead-session; publish stopped: stopped; log TunnelStopped")]
    [InlineData("launching", "ssh started", TunnelPhase.Connecting, "publish ssh-started: starting; log TunnelStarting; timer 10s")]
    [InlineData("launching", "ssh could not start", TunnelPhase.Waiting, "publish start-failed: starting; log SshStartFailed; publish waiting: needs-attention; timer 300s")]
    [InlineData("launching", "stop", TunnelPhase.Launching, "")]
    [InlineData("launching, stopping", "ssh started", TunnelPhase.StoppingSsh, "publish ssh-started: starting; log TunnelStarting; stop-ssh")]
    [InlineData("launching, stopping", "ssh could not start", TunnelPhase.Stopped, "publish start-failed: starting; close-dead-session; publish stopped: stopped; log TunnelStopped")]
    // Coming up: session, listeners, settle, probes
    [InlineData("connecting", "stderr: authenticated", TunnelPhase.CheckingListeners, "check-listeners")]
    [InlineData("connecting", "timer due", TunnelPhase.CheckingListeners, "check-listeners")]
    [InlineData("connecting, remote forwards only", "stderr: authenticated", TunnelPhase.Settling, "timer 0.5s")]
    [InlineData("checking listeners", "listeners accept", TunnelPhase.Settling, "timer 0.5s")]
    [InlineData("checking listeners", "listeners refuse", TunnelPhase.PollingListeners, "timer 0.1s")]
    [InlineData("checking listeners", "stderr: authenticated", TunnelPhase.CheckingListeners, "")]
    [InlineData("polling listeners", "timer due", TunnelPhase.CheckingListeners, "check-listeners")]
    [InlineData("settling", "timer due", TunnelPhase.Up, "log TunnelUp; publish up: up")]
    [InlineData("settling, claims sessions", "timer due", TunnelPhase.Up, "log TunnelUp; publish up: up; claim-session")]
    [InlineData("settling, claims sessions, local forwards only", "timer due", TunnelPhase.Up, "log TunnelUp; publish up: up")]
    [InlineData("settling, probes", "timer due", TunnelPhase.Proving, "probe-round through the listeners")]
    [InlineData("settling, probes off in the config", "timer due", TunnelPhase.Up, "log TunnelUp; publish up: up")]
    [InlineData("proving", "probe round passed", TunnelPhase.Up, "log FirstProbePassed; log TunnelUp; publish up: up; probe timer 4.997s on the grain")]
    [InlineData("proving", "probe round failed", TunnelPhase.Proving, "log ProbeFailed; probe timer 0.25s on the grain")]
    [InlineData("proving", "network changed", TunnelPhase.Proving, "")]
    [InlineData("proving, network changed", "probe round failed", TunnelPhase.Proving, "log ProbeFailed; probe-round through the listeners")]
    [InlineData("up", "probe round passed", TunnelPhase.Up, "")]
    // What ssh says
    [InlineData("connecting", "stderr: refused", TunnelPhase.Connecting, "publish error: starting")]
    [InlineData("connecting", "stderr: refused, past the log limit", TunnelPhase.Connecting, "")]
    [InlineData("connecting", "stderr: noise", TunnelPhase.Connecting, "")]
    [InlineData("connecting", "stderr closed", TunnelPhase.Connecting, "")]
    // sshkeep ends a run
    [InlineData("up", "ssh froze", TunnelPhase.StoppingSsh, "log TunnelStopping; publish error: up; stop-ssh")]
    [InlineData("up, probing, one failure", "probe round failed", TunnelPhase.StoppingSsh, "log ProbeVerdictRestart; publish error: up; stop-ssh")]
    [InlineData("up, probing", "probe round failed", TunnelPhase.Up, "log ProbeFailed; probe timer 2s on the grain")]
    [InlineData("up, probing", "probe round passed", TunnelPhase.Up, "probe timer 4.997s on the grain")]
    [InlineData("up, probing", "network changed", TunnelPhase.Up, "")]
    [InlineData("up, probes", "timer due", TunnelPhase.Up, "probe-round")]
    [InlineData("connecting", "connect stalled", TunnelPhase.StoppingSsh, "log ConnectStalled; stop-ssh")]
    [InlineData("up", "restart", TunnelPhase.StoppingSsh, "log TunnelRestartRequested; stop-ssh")]
    [InlineData("up", "stop", TunnelPhase.StoppingSsh, "stop-ssh")]
    [InlineData("up", "retry-now", TunnelPhase.Up, "")]
    [InlineData("up, probes", "network changed", TunnelPhase.Up, "probe-round through the listeners")]
    [InlineData("up", "network changed", TunnelPhase.Up, "")]
    [InlineData("up", "timer due", TunnelPhase.Up, "")]
    // The end of a run: stderr's last words, then the settling
    [InlineData("up", "ssh exited", TunnelPhase.Exiting, "timer 0.5s")]
    [InlineData("stopping ssh", "ssh exited", TunnelPhase.Exiting, "timer 0.5s")]
    [InlineData("stopping ssh", "stop", TunnelPhase.StoppingSsh, "")]
    [InlineData("stopping ssh, stop asked", "ssh exited", TunnelPhase.Closing, "publish run-ended: up; settle-run")]
    [InlineData("connecting, stderr closed", "ssh exited", TunnelPhase.Closing, "publish run-ended: starting; settle-run")]
    [InlineData("exiting", "stderr: permission denied", TunnelPhase.Exiting, "publish error: starting")]
    [InlineData("exiting", "stderr closed", TunnelPhase.Closing, "publish run-ended: starting; settle-run")]
    [InlineData("exiting", "timer due", TunnelPhase.Closing, "publish run-ended: starting; settle-run")]
    [InlineData("exiting", "stop", TunnelPhase.Closing, "publish run-ended: starting; settle-run")]
    [InlineData("exiting", "ssh exited", TunnelPhase.Exiting, "")]
    [InlineData("exiting", "restart", TunnelPhase.Exiting, "")]
    [InlineData("exiting, remote port held", "stderr closed", TunnelPhase.Closing, "publish run-ended: starting; settle-run reset")]
    [InlineData("exiting, local port held", "stderr closed", TunnelPhase.Closing, "publish run-ended: starting; settle-run describe 15432")]
    [InlineData("exiting, restart asked", "stderr closed", TunnelPhase.Closing, "publish run-ended: starting; settle-run")]
    [InlineData("closing", "stop", TunnelPhase.Closing, "")]
    // What follows a run (TunnelRetryPolicy decides the wait)
    [InlineData("closing", "run settled", TunnelPhase.Waiting, "log SshExited; publish waiting: backoff; timer 0.25s")]
    [InlineData("closing, gated waits", "run settled", TunnelPhase.Waiting, "log SshExited; publish waiting: backoff; timer 0.25s; watch-server")]
    [InlineData("closing, was up", "run settled", TunnelPhase.Launching, "log SshExited; publish waiting: backoff; publish starting: starting; start-ssh")]
    [InlineData("closing, restart", "run settled", TunnelPhase.Launching, "publish starting: starting; start-ssh")]
    [InlineData("closing, stopping", "run settled", TunnelPhase.Stopped, "close-dead-session; publish stopped: stopped; log TunnelStopped")]
    [InlineData("closing, remote port held", "run settled", TunnelPhase.Waiting, "log WaitingForRemotePort; publish waiting: waiting-for-remote-port; timer 2s")]
    [InlineData("closing, remote port held", "run settled, dead session reset", TunnelPhase.Waiting, "log DeadSessionReset; publish waiting: waiting-for-remote-port; timer 0.5s")]
    [InlineData("closing, local port held", "run settled, port holder", TunnelPhase.Waiting, "log LocalPortInUse; publish waiting: backoff; timer 0.25s")]
    [InlineData("closing, permanent", "run settled", TunnelPhase.Waiting, "log NeedsAttention; publish waiting: needs-attention; timer 300s")]
    // The wait
    [InlineData("waiting", "timer due", TunnelPhase.Launching, "publish starting: starting; start-ssh")]
    [InlineData("waiting", "server answers", TunnelPhase.Launching, "publish starting: starting; start-ssh")]
    [InlineData("waiting", "retry-now", TunnelPhase.Launching, "log WaitCutShort; publish starting: starting; start-ssh")]
    [InlineData("waiting", "restart", TunnelPhase.Launching, "log WaitCutShort; publish starting: starting; start-ssh")]
    [InlineData("waiting", "network changed", TunnelPhase.Launching, "log WaitCutShort; publish starting: starting; start-ssh")]
    [InlineData("waiting", "stop", TunnelPhase.Stopped, "close-dead-session; publish stopped: stopped; log TunnelStopped")]
    [InlineData("waiting", "ssh exited", TunnelPhase.Waiting, "")]
    [InlineData("waiting", "probe round passed", TunnelPhase.Waiting, "")]
    [InlineData("stopped", "begin", TunnelPhase.Stopped, "")]
    [InlineData("stopped", "stop", TunnelPhase.Stopped, "")]
    public void Each_state_and_event_leads_to_one_next_phase_and_its_effects(string state, string e, object phase, string effects)
    {
        var (next, done) = TunnelMachine.Step(States[state], Events[e], Now, 0.5);

        Assert.Equal(((TunnelPhase)phase, effects), (next.Phase, string.Join("; ", done.Select(Describe))));
    }

    [Fact]
    public void Every_event_has_a_row_and_every_phase_but_the_transient_ones_a_state()
    {
        var events = typeof(TunnelEvent).GetNestedTypes().Where(t => t.IsSubclassOf(typeof(TunnelEvent)));
        Assert.All(events, t => Assert.Contains(Events.Values, e => e.GetType() == t));
        Assert.All(Enum.GetValues<TunnelPhase>(), p => Assert.Contains(States.Values, s => s.Phase == p));
    }

    [Fact]
    public void A_run_begins_with_one_more_attempt_and_nothing_left_of_the_last_wait()
    {
        var waiting = States["waiting"] with { Status = States["waiting"].Status with { NextRetry = Now, HeldRemotePort = 8080, Attempts = 3 } };

        var status = TunnelMachine.Step(waiting, new TimerDue(), Now, 0.5).State.Status;

        Assert.Equal((TunnelState.Starting, Now, 4, null, null), (status.State, status.Since, status.Attempts, status.NextRetry, status.HeldRemotePort));
    }

    [Theory]
    [InlineData(true, 1)]
    [InlineData(false, 0)]
    public void A_run_that_was_up_ends_as_a_restart_and_one_that_never_was_as_an_attempt(bool wasUp, int restarts)
    {
        var exiting = Starting(TunnelPhase.Exiting, (wasUp ? WentUp : Running) with { Exit = ChildExit.Exited(255) });

        var status = TunnelMachine.Step(exiting, new StderrClosed(), Now, 0.5).State.Status;

        Assert.Equal((restarts, RestartReasons.Exited, "status 255", (int?)null), (status.Restarts, status.LastRestartReason, status.LastExit, status.Pid));
    }

    [Fact]
    public void A_restart_asked_while_ssh_runs_is_a_restart_but_stopping_is_none()
    {
        var asked = TunnelMachine.Step(TunnelMachine.Step(States["connecting"], Events["restart"], Now, 0.5).State, Events["ssh exited"], Now, 0.5).State;
        var stopped = TunnelMachine.Step(TunnelMachine.Step(States["up"], Events["stop"], Now, 0.5).State, Events["ssh exited"], Now, 0.5).State;

        Assert.Equal((1, RestartReasons.Requested), (TunnelMachine.Step(asked, new StderrClosed(), Now, 0.5).State.Status.Restarts, asked.Run!.EndReason));
        Assert.Equal(0, stopped.Status.Restarts);
    }

    [Fact]
    public void A_later_transient_line_does_not_hide_the_permanent_reason_before_it()
    {
        var state = States["exiting"];
        foreach (var line in new[] { "deploy@bastion: Permission denied (publickey).", "Connection closed by 10.0.0.1 port 22" })
            state = TunnelMachine.Step(state, new StderrLine(line, true), Now, 0.5).State;

        Assert.True(state.Run!.Decisive.IsPermanent);
        Assert.Equal("Connection closed by 10.0.0.1 port 22", state.Run.LastLine);
    }

    [Fact]
    public void The_holder_of_a_local_port_is_added_to_the_last_error()
    {
        var closing = States["closing, local port held"] with { Status = States["closing, local port held"].Status with { LastError = "bind [127.0.0.1]:15432: Address already in use" } };

        var status = TunnelMachine.Step(closing, Events["run settled, port holder"], Now, 0.5).State.Status;

        Assert.Equal("bind [127.0.0.1]:15432: Address already in use (held by pid 812 (python3))", status.LastError);
    }

    [Fact]
    public void A_probe_verdict_and_a_frozen_ssh_say_why_in_the_last_error()
    {
        Assert.Equal($"probe of {Config.Forwards[0]} failed: session: no answer within 3s",
            TunnelMachine.Step(States["up, probing, one failure"], Events["probe round failed"], Now, 0.5).State.Status.LastError);
        Assert.Equal("ssh was stopped (SIGSTOP)", TunnelMachine.Step(States["up"], Events["ssh froze"], Now, 0.5).State.Status.LastError);
    }

    private static readonly TunnelConfig TwoServers = Config with { Destinations = ["deploy@db1", "deploy@db2"] };

    private static TunnelMachineState OnTwo(TunnelMachineState state, int index = 0) => state with
    {
        Config = TwoServers,
        DestinationIndex = index,
        Status = state.Status with { Destination = TwoServers.Destinations[index] },
    };

    private static TunnelMachineState ExitingAfter(string? endReason, SshFailureKind decisive = SshFailureKind.Transient, bool restartAtOnce = false) =>
        OnTwo(Starting(TunnelPhase.Exiting, WentUp with
        {
            Exit = ChildExit.Exited(255), EndReason = endReason, Decisive = new SshStderrLine(decisive), RestartAtOnce = restartAtOnce,
        }));

    private static readonly Dictionary<string, TunnelMachineState> Failover = new()
    {
        ["two servers, on the first, ssh exited"] = ExitingAfter(null),
        ["two servers, on the first, authentication refused"] = ExitingAfter(null, SshFailureKind.AuthenticationRefused),
        ["two servers, on the first, remote port held"] = ExitingAfter(null, SshFailureKind.RemotePortInUse),
        ["two servers, on the first, probes condemned it"] = ExitingAfter(RestartReasons.ProbeFailed),
        ["two servers, on the first, restart asked"] = ExitingAfter(RestartReasons.Requested, restartAtOnce: true),
        ["two servers, on the first, connect stalled"] = ExitingAfter(RestartReasons.ConnectStalled, restartAtOnce: true),
        ["two servers, on the first, ssh froze"] = ExitingAfter(RestartReasons.Stopped),
        ["two servers, on the first, stopping"] = ExitingAfter(null) with { Stopping = true },
        ["two servers, on the second, ssh exited"] = OnTwo(ExitingAfter(null), index: 1),
        ["one server, ssh exited"] = Starting(TunnelPhase.Exiting, WentUp with { Exit = ChildExit.Exited(255) }),
        ["two servers, on the second, up"] = OnTwo(Up(), index: 1),
        ["two servers, on the second, waiting"] = OnTwo(States["waiting"], index: 1),
        ["two servers, on the second, closing"] = OnTwo(States["closing, gated waits"], index: 1),
    };

    /// <summary>docs/daemon.md, "Several servers: failover": which server the next run uses.</summary>
    [Theory]
    // A failed run moves to the next server in the list, wrapping after the last.
    [InlineData("two servers, on the first, ssh exited", "stderr closed", "deploy@db2", "")]
    [InlineData("two servers, on the first, authentication refused", "stderr closed", "deploy@db2", "")]
    [InlineData("two servers, on the first, remote port held", "stderr closed", "deploy@db2", "")]
    [InlineData("two servers, on the first, probes condemned it", "stderr closed", "deploy@db2", "")]
    [InlineData("two servers, on the second, ssh exited", "stderr closed", "deploy@db1", "")]
    [InlineData("one server, ssh exited", "stderr closed", "deploy@bastion", "")]
    // A run ended on purpose, by a frozen ssh or by a stalled connect keeps its server.
    [InlineData("two servers, on the first, restart asked", "stderr closed", "deploy@db1", "")]
    [InlineData("two servers, on the first, connect stalled", "stderr closed", "deploy@db1", "")]
    [InlineData("two servers, on the first, ssh froze", "stderr closed", "deploy@db1", "")]
    [InlineData("two servers, on the first, stopping", "stderr closed", "deploy@db1", "")]
    // While the current server works the tunnel stays there; a run starts on the server chosen, whatever started it.
    [InlineData("two servers, on the second, up", "probe round passed", "deploy@db2", "")]
    [InlineData("two servers, on the second, up", "network changed", "deploy@db2", "")]
    [InlineData("two servers, on the second, waiting", "timer due", "deploy@db2", "start-ssh deploy@db2")]
    [InlineData("two servers, on the second, waiting", "network changed", "deploy@db2", "start-ssh deploy@db2")]
    [InlineData("two servers, on the second, waiting", "retry-now", "deploy@db2", "start-ssh deploy@db2")]
    // The wait before it watches the server of the next run.
    [InlineData("two servers, on the second, closing", "run settled", "deploy@db2", "watch-server deploy@db2")]
    public void A_failed_run_moves_to_the_next_server_and_any_other_end_keeps_it(string state, string e, string destination, string effect)
    {
        var (next, done) = TunnelMachine.Step(Failover[state], Events[e], Now, 0.5);

        Assert.Equal((destination, destination), (next.Destination, next.Status.Destination));
        Assert.Equal(effect, string.Join("; ", done.Select(d => d switch
        {
            TunnelEffect.StartSsh start => $"start-ssh {start.Destination}",
            TunnelEffect.WatchServer watch => $"watch-server {watch.Destination}",
            _ => null,
        }).OfType<string>()));
    }

    /// <summary>docs/daemon.md, "Several servers: failover": a refusal needs a person once every server refused in a row.</summary>
    [Theory]
    [InlineData(2, 0, "log SshExited; publish waiting: backoff; timer 0.25s; watch-server", 1)]
    [InlineData(2, 1, "log NeedsAttention; publish waiting: needs-attention; timer 300s", 2)]
    [InlineData(1, 0, "log NeedsAttention; publish waiting: needs-attention; timer 300s", 1)]
    public void A_refused_run_backs_off_to_the_next_server_until_each_has_refused(int servers, int refusedBefore, string effects, int refused)
    {
        var closing = States["closing, permanent"] with
        {
            Config = servers == 2 ? TwoServers : Config, Options = Gated, RefusedInARow = refusedBefore,
        };

        var (next, done) = TunnelMachine.Step(closing, Events["run settled"], Now, 0.5);

        Assert.Equal((effects, refused), (string.Join("; ", done.Select(Describe)), next.RefusedInARow));
    }

    [Fact]
    public void Coming_up_forgets_the_servers_that_refused()
    {
        var settling = OnTwo(States["settling"]) with { RefusedInARow = 1 };

        Assert.Equal(0, TunnelMachine.Step(settling, Events["timer due"], Now, 0.5).State.RefusedInARow);
    }

    [Fact]
    public void A_tunnel_starts_on_its_first_server_and_says_which_one_it_runs_against()
    {
        var (launching, started) = TunnelMachine.Step(TunnelMachineState.Initial(TwoServers, Plain, RunStart), new Begin(), Now, 0.5);

        Assert.Equal(new TunnelEffect.StartSsh("deploy@db1"), started.OfType<TunnelEffect.StartSsh>().Single());
        Assert.Equal("deploy@db1", launching.Status.Destination);
    }

    private static string Describe(TunnelEffect effect) => effect switch
    {
        TunnelEffect.Publish p => $"publish {p.Transition.Reason}: {Kebab(p.Transition.After.State)}",
        TunnelEffect.Log l => $"log {l.Event}",
        TunnelEffect.ArmTimer a => $"timer {a.Delay.TotalSeconds}s",
        TunnelEffect.StartSsh => "start-ssh",
        TunnelEffect.StopSsh => "stop-ssh",
        TunnelEffect.CheckListeners => "check-listeners",
        TunnelEffect.ProbeRound r => "probe-round" + (r.ConnectListener ? " through the listeners" : ""),
        TunnelEffect.ArmProbeTimer a => $"probe timer {a.Delay.TotalSeconds}s" + (a.OnGrain ? " on the grain" : ""),
        TunnelEffect.WatchServer => "watch-server",
        TunnelEffect.ClaimSession => "claim-session",
        TunnelEffect.SettleRun s => "settle-run" + (s.ResetDeadSession ? " reset" : "") + (s.DescribePort is { } port ? $" describe {port}" : ""),
        TunnelEffect.CloseDeadSession => "close-dead-session",
        _ => effect.ToString(),
    };

    private static string Kebab(TunnelState state) => string.Concat(state.ToString().Select((c, i) => char.IsUpper(c) && i > 0 ? $"-{char.ToLowerInvariant(c)}" : $"{char.ToLowerInvariant(c)}"));
}
