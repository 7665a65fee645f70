using SshKeep.Config;
using SshKeep.Logging;
using SshKeep.Ssh;
using static SshKeep.Supervision.TunnelEffect;
using static SshKeep.Supervision.TunnelEvent;

namespace SshKeep.Supervision;

/// <summary>One tunnel as a pure state × event machine: state and event in, next state and effects out
/// (docs/daemon.md, "The tunnel machine").</summary>
internal static class TunnelMachine
{
    /// <summary>How long ssh's stderr may stay open after its exit.</summary>
    public static readonly TimeSpan StderrAfterExit = TimeSpan.FromMilliseconds(500);

    public static bool Runs(TunnelPhase phase) => phase is >= TunnelPhase.Connecting and <= TunnelPhase.Up;

    /// <summary>Between a run and a wait commands stay queued (a retry-now then cuts the wait short).</summary>
    public static bool TakesCommands(TunnelPhase phase) => Runs(phase) || phase == TunnelPhase.Waiting;

    /// <param name="unit">A random number in [0, 1) for the jitter of a wait decided here.</param>
    public static (TunnelMachineState State, IReadOnlyList<TunnelEffect> Effects) Step(TunnelMachineState state, TunnelEvent e,
        DateTimeOffset now, double unit)
    {
        var step = new Stepping(state, now);
        step.On(e, unit);
        return (step.State, step.Effects);
    }

    private sealed class Stepping(TunnelMachineState state, DateTimeOffset now)
    {
        public TunnelMachineState State { get; private set; } = state;
        public List<TunnelEffect> Effects { get; } = [];

        private TunnelConfig Config => State.Config;
        private TunnelSupervisorOptions Options => State.Options;
        private TunnelRun Run => State.Run!;
        private string Name => Config.Name;

        public void On(TunnelEvent e, double unit)
        {
            var phase = State.Phase;
            switch (e)
            {
                case StopRequested when phase is TunnelPhase.Idle or TunnelPhase.Waiting:
                    StopNow();
                    break;
                case StopRequested when Runs(phase):
                    Set(s => s with { Stopping = true, Phase = TunnelPhase.StoppingSsh }, new StopSsh(Options.StopGrace));
                    break;
                case StopRequested when phase == TunnelPhase.Exiting:
                    Set(s => s with { Stopping = true });
                    FinishRun();
                    break;
                case StopRequested:
                    // Launching, stopping ssh, closing: the answer under way sees the flag.
                    Set(s => s with { Stopping = true });
                    break;

                case Begin when phase == TunnelPhase.Idle:
                case TimerDue or ServerAnswers when phase == TunnelPhase.Waiting:
                    StartRun();
                    break;
                case Command c when phase == TunnelPhase.Waiting:
                    Log(nameof(DaemonLog.WaitCutShort), l => l.WaitCutShort(Name,
                        c.What == TunnelCommand.NetworkChanged ? $"network changed ({c.Trigger})" : c.Trigger));
                    StartRun();
                    break;

                case SshStarted started when phase == TunnelPhase.Launching:
                    OnStarted(started.Pid);
                    break;
                case SshCouldNotStart failed when phase == TunnelPhase.Launching:
                    OnCouldNotStart(failed, unit);
                    break;

                case StderrLine line when Runs(phase) || phase is TunnelPhase.StoppingSsh or TunnelPhase.Exiting:
                    OnStderr(line);
                    break;
                case StderrClosed when phase == TunnelPhase.Exiting:
                    FinishRun();
                    break;
                case StderrClosed when Runs(phase) || phase == TunnelPhase.StoppingSsh:
                    Set(s => s with { Run = Run with { StderrClosed = true } });
                    break;

                // Without "Authenticated" (a user's LogLevel below VERBOSE), the connect timeout is
                // the longest a failing session can take, so surviving it means the session is there.
                case TimerDue when phase is TunnelPhase.Connecting or TunnelPhase.PollingListeners:
                    CheckListeners();
                    break;
                case ListenersChecked { Accept: true } when phase == TunnelPhase.CheckingListeners:
                    Settle();
                    break;
                case ListenersChecked { Accept: false } when phase == TunnelPhase.CheckingListeners:
                    Set(s => s with { Phase = TunnelPhase.PollingListeners }, new ArmTimer(Options.ListenerPoll));
                    break;
                case TimerDue when phase == TunnelPhase.Settling && State.Probes:
                    Set(s => s with { Phase = TunnelPhase.Proving });
                    ProbeRound(requested: false);
                    break;
                case TimerDue when phase == TunnelPhase.Settling:
                    BecomeUp();
                    break;
                case TimerDue when phase is TunnelPhase.Proving or TunnelPhase.Up && State.Probes:
                    ProbeRound(requested: false);
                    break;
                case ProbeRoundDone round when phase is TunnelPhase.Proving or TunnelPhase.Up && Run.Probing:
                    OnProbeRound(round);
                    break;
                case SshFroze when Runs(phase):
                    const string frozen = "ssh was stopped (SIGSTOP)";
                    EndRun(frozen, RestartReasons.Stopped, publish: true, log: (n, pid) =>
                        Log(nameof(DaemonLog.TunnelStopping), l => l.TunnelStopping(n, pid, $"{frozen}; a stopped ssh forwards nothing", Options.StopGrace)));
                    break;
                case ConnectStalled stalled when Runs(phase):
                    EndRun($"ssh was stuck connecting to {stalled.Server} after the server answered again", RestartReasons.ConnectStalled,
                        publish: false, log: (n, pid) => Log(nameof(DaemonLog.ConnectStalled), l => l.ConnectStalled(n, pid, stalled.Server.ToString())),
                        restartAtOnce: true);
                    break;
                case Command { What: TunnelCommand.Restart } restart when Runs(phase):
                    EndRun(null, RestartReasons.Requested, publish: false, restartAtOnce: true,
                        log: (n, _) => Log(nameof(DaemonLog.TunnelRestartRequested), l => l.TunnelRestartRequested(n, restart.Trigger)));
                    break;
                case Command { What: TunnelCommand.NetworkChanged } when phase is TunnelPhase.Proving or TunnelPhase.Up && Run.Probing:
                    Set(s => s with { Run = Run with { ProbeAsked = true } });
                    break;
                case Command { What: TunnelCommand.NetworkChanged } when phase is TunnelPhase.Proving or TunnelPhase.Up && State.Probes:
                    ProbeRound(requested: true);
                    break;

                case SshExited exited when Runs(phase) || phase == TunnelPhase.StoppingSsh:
                    OnExited(exited.Exit);
                    break;
                case TimerDue when phase == TunnelPhase.Exiting:
                    FinishRun();
                    break;
                case RunSettled settled when phase == TunnelPhase.Closing:
                    OnSettled(settled, unit);
                    break;

                // Anything else (news of an older run or wait, a retry-now while ssh runs) changes nothing.
            }
        }

        private void StartRun()
        {
            Set(s => s with { Phase = TunnelPhase.Launching, Run = new TunnelRun(now) });
            Publish(TransitionReasons.Starting, s => s with
            {
                State = TunnelState.Starting,
                Since = now,
                Attempts = s.Attempts + 1,
                UpSince = null,
                NextRetry = null,
                HeldRemotePort = null,
            });
            Do(new StartSsh(State.Destination));
        }

        private void OnStarted(int pid)
        {
            Set(s => s with { Phase = TunnelPhase.Connecting, Run = Run with { Pid = pid } });
            Publish(TransitionReasons.SshStarted, s => s with { Pid = pid });
            var attempt = State.Status.Attempts;
            Log(nameof(DaemonLog.TunnelStarting), l => l.TunnelStarting(Name, State.Destination, attempt, pid));
            if (State.Stopping)
            {
                Set(s => s with { Phase = TunnelPhase.StoppingSsh }, new StopSsh(Options.StopGrace));
                return;
            }

            Do(new ArmTimer(TimeSpan.FromSeconds(Math.Max(1, Config.Health.ConnectTimeout))));
        }

        private void OnCouldNotStart(SshCouldNotStart failed, double unit)
        {
            // A missing ssh program is a configuration problem: a person must fix ssh_path.
            Publish(TransitionReasons.StartFailed, s => s.WithError(failed.Reason, now) with { LastRestartReason = RestartReasons.StartFailed });
            if (State.Stopping)
            {
                StopNow();
                return;
            }

            var outcome = new TunnelRunOutcome(null, new SshStderrLine(SshFailureKind.BadConfiguration), false, TimeSpan.Zero, TimeSpan.Zero, failed.Reason);
            Set(s => s with { Run = Run with { Outcome = outcome } });
            Wait(outcome, null, null, unit, failed.SshPath);
        }

        private void OnStderr(StderrLine e)
        {
            var classified = SshStderrClassifier.Classify(e.Line);
            if (classified.Kind == SshFailureKind.Authenticated)
            {
                if (State.Phase == TunnelPhase.Connecting) CheckListeners();
                return;
            }

            if (IsNoise(e.Line)) return;
            Set(s => s with
            {
                Run = Run with
                {
                    LastLine = e.Line,
                    CouldNotConnect = Run.CouldNotConnect || SshStderrClassifier.IsConnectFailure(e.Line),
                    // A later plain transient line ("Connection closed") must not hide the
                    // permanent or port reason printed just before it.
                    Decisive = classified.Kind != SshFailureKind.None && Weight(classified) >= Weight(Run.Decisive) ? classified : Run.Decisive,
                },
            });
            // Only the log (and the status's last error, which follows it) is rate-limited.
            if (e.Logged) Publish(TransitionReasons.Error, s => s.WithError(e.Line, now));
        }

        private void CheckListeners()
        {
            if (Config.Forwards.All(f => f.Kind == ForwardKind.Remote)) Settle();
            else Set(s => s with { Phase = TunnelPhase.CheckingListeners }, new TunnelEffect.CheckListeners());
        }

        // A refused -R forward makes ssh exit within one round trip: it must outlive that.
        private void Settle() => Set(s => s with { Phase = TunnelPhase.Settling }, new ArmTimer(Options.Settle));

        private void BecomeUp()
        {
            var took = now - Run.StartedAt;
            var pid = Run.Pid;
            Set(s => s with { Phase = TunnelPhase.Up, Run = Run with { UpSince = now }, RefusedInARow = 0 });
            if (State.Probes) Log(nameof(DaemonLog.FirstProbePassed), l => l.FirstProbePassed(Name, took));
            Log(nameof(DaemonLog.TunnelUp), l => l.TunnelUp(Name, pid, took));
            Publish(TransitionReasons.Up, s => s with { State = TunnelState.Up, Since = now, UpSince = now });
            // This session holds the remote ports now, so an older dead one holds none.
            if (State.ClaimsSessions) Do(new ClaimSession(pid));
        }

        private void ProbeRound(bool requested)
        {
            var connectListener = ProbeSchedule.ChecksListeners(Run.RoundsSinceListenerChecked, Run.UpSince is not null, Run.ProbeFailures > 0, requested);
            Set(s => s with
            {
                Run = Run with
                {
                    Probing = true,
                    ProbeAsked = false,
                    RoundsSinceListenerChecked = connectListener ? 0 : Run.RoundsSinceListenerChecked + 1,
                },
            });
            Do(new TunnelEffect.ProbeRound(connectListener));
        }

        private void OnProbeRound(ProbeRoundDone round)
        {
            var health = Config.Health;
            var failed = round.Results.FirstOrDefault(r => !r.Ok);
            var failures = failed is null ? 0 : Run.ProbeFailures + 1;
            Set(s => s with { Run = Run with { Probing = false, ProbeFailures = failures } });
            if (failed is null && State.Phase == TunnelPhase.Proving) BecomeUp();
            var proved = Run.UpSince is not null;
            if (failed is not null && ProbeSchedule.Condemns(failures, health))
            {
                EndRun($"probe of {failed.Forward} failed: {failed.Failure}", RestartReasons.ProbeFailed, publish: true, log: (n, pid) =>
                    Log(nameof(DaemonLog.ProbeVerdictRestart), l => l.ProbeVerdictRestart(n, failed.Forward.ToString(),
                        DaemonCount.Times(Math.Max(1, health.ProbeFailures)), failed.Failure ?? "failed", pid)));
                return;
            }

            var delay = ProbeSchedule.NextDelay(failed is null, round.Took, health, proved);
            if (failed is not null)
                Log(nameof(DaemonLog.ProbeFailed), l => l.ProbeFailed(Name, failed.Forward.ToString(), failed.Failure ?? "failed", failures,
                    Math.Max(1, health.ProbeFailures), delay));
            if (Run.ProbeAsked) ProbeRound(requested: true);
            else Do(new ArmProbeTimer(delay, ProbeSchedule.WaitsOnGrain(failed is null, health)));
        }

        private void EndRun(string? endedBy, string endReason, bool publish, Action<string, int> log, bool restartAtOnce = false)
        {
            log(Name, Run.Pid);
            Set(s => s with
            {
                Phase = TunnelPhase.StoppingSsh,
                Run = Run with { EndedBy = endedBy, EndReason = endReason, RestartAtOnce = restartAtOnce },
            });
            if (publish) Publish(TransitionReasons.Error, s => s.WithError(endedBy!, now));
            Do(new StopSsh(Options.StopGrace));
        }

        private void OnExited(ChildExit exit)
        {
            Set(s => s with { Phase = TunnelPhase.Exiting, Run = Run with { Exit = exit } });
            if (State.Stopping || Run.StderrClosed)
            {
                FinishRun();
                return;
            }

            // ssh's deciding last lines often come after its exit (bench/soak: held ports retried after a
            // 12 s back-off); the timer cuts off a grandchild holding stderr open.
            Do(new ArmTimer(StderrAfterExit));
        }

        private void FinishRun()
        {
            var run = Run;
            var decisive = run.Decisive;
            var why = run.EndedBy ?? run.LastLine ?? (run.Exit is { } ended ? $"ssh exited with {ended}" : "ssh ended");
            var endReason = run.EndReason ?? (decisive.IsPermanent ? RestartReasons.Permanent
                : decisive.Kind == SshFailureKind.RemotePortInUse ? RestartReasons.RemotePortInUse
                : RestartReasons.Exited);
            // Only a working tunnel restarts; other ends were attempts (docs/observability.md, "Restarts and attempts").
            var restarted = !State.Stopping && (run.UpSince is not null || endReason == RestartReasons.Requested);
            var outcome = new TunnelRunOutcome(run.Exit, decisive, run.UpSince is not null, run.UpSince is { } u ? now - u : TimeSpan.Zero,
                now - run.StartedAt, why, run.CouldNotConnect);
            var next = !State.Stopping && FailsOver(endReason)
                ? (State.DestinationIndex + 1) % Config.Destinations.Count
                : State.DestinationIndex;
            Set(s => s with { Phase = TunnelPhase.Closing, Run = run with { Outcome = outcome }, DestinationIndex = next });
            Publish(TransitionReasons.RunEnded, s => s with
            {
                Destination = State.Destination,
                LastExit = run.Exit?.ToString(),
                Pid = null,
                LastRestartReason = endReason,
                Restarts = s.Restarts + (restarted ? 1 : 0),
            });
            var waits = !State.Stopping && !run.RestartAtOnce;
            // The server answered ssh, so a dead session of ours holding the port can be reset now.
            Do(new SettleRun(waits && decisive.Kind == SshFailureKind.RemotePortInUse,
                waits && decisive is { Kind: SshFailureKind.LocalPortInUse, Port: { } port } ? port : null));
        }

        private void OnSettled(RunSettled settled, double unit)
        {
            if (State.Stopping) StopNow();
            else if (Run.RestartAtOnce) StartRun();
            else Wait(Run.Outcome!, settled.DeadSessionReset, settled.PortHolder, unit, null);
        }

        private void Wait(TunnelRunOutcome outcome, Health.ServerConnection? deadSessionReset, string? portHolder, double unit, string? sshPath)
        {
            // A missing ssh program (no exit) is never a server's refusal (docs/daemon.md, "Several servers: failover").
            var refused = outcome.Exit is not null && outcome.Decisive.IsPermanent ? State.RefusedInARow + 1 : 0;
            var next = TunnelRetryPolicy.After(outcome, State.Failures, Config.Backoff, unit, deadSessionReset is not null,
                anotherServer: refused > 0 && refused < Config.Destinations.Count);
            Set(s => s with { Phase = TunnelPhase.Waiting, Failures = next.Failures, RefusedInARow = refused });
            var holder = LogNext(outcome, next, deadSessionReset, portHolder, sshPath);
            Publish(TransitionReasons.Waiting, s => s with
            {
                State = next.State,
                Since = now,
                UpSince = null,
                Pid = null,
                NextRetry = now + next.Delay,
                HeldRemotePort = next.HeldRemotePort,
                LastError = holder is null ? s.LastError : $"{s.LastError} ({holder})",
            });
            if (next.Delay <= TimeSpan.Zero)
            {
                StartRun();
                return;
            }

            Do(new ArmTimer(next.Delay));
            if (next.State == TunnelState.Backoff && State.GatesWaits) Do(new WatchServer(outcome.CouldNotConnect, State.Destination));
        }

        /// <summary>Returns who holds the local port ssh could not bind, when known, for the status.</summary>
        private string? LogNext(TunnelRunOutcome outcome, TunnelRetryPolicy.NextStep next, Health.ServerConnection? dead, string? portHolder, string? sshPath)
        {
            if (outcome.Exit is null)
            {
                Log(nameof(DaemonLog.SshStartFailed), l => l.SshStartFailed(Name, sshPath ?? "ssh", next.Reason, next.Delay));
                return null;
            }

            if (next.State == TunnelState.Backoff && outcome.Decisive is { Kind: SshFailureKind.LocalPortInUse, Port: { } port })
            {
                Log(nameof(DaemonLog.LocalPortInUse), l => l.LocalPortInUse(Name, port, portHolder is null ? "" : $", {portHolder}", next.Delay));
                return portHolder;
            }

            switch (next.State)
            {
                case TunnelState.NeedsAttention:
                    Log(nameof(DaemonLog.NeedsAttention), l => l.NeedsAttention(Name, DaemonLogText.Clause(next.Reason), FixFor(outcome.Decisive.Kind), next.Delay));
                    break;
                case TunnelState.WaitingForRemotePort when dead is not null:
                    Log(nameof(DaemonLog.DeadSessionReset), l => l.DeadSessionReset(Name, dead.Local.ToString(), dead.Remote.ToString(), next.HeldRemotePort ?? 0, next.Delay));
                    break;
                case TunnelState.WaitingForRemotePort:
                    Log(nameof(DaemonLog.WaitingForRemotePort), l => l.WaitingForRemotePort(Name, next.HeldRemotePort ?? 0, next.Delay));
                    break;
                default:
                    Log(nameof(DaemonLog.SshExited), l => l.SshExited(Name, outcome.Exit.ToString()!, outcome.SinceStart, next.Delay, next.Failures + 1));
                    break;
            }

            return null;
        }

        private void StopNow()
        {
            // Stopping: a plain close, whose FIN the kernel keeps retrying on its own.
            Set(s => s with { Phase = TunnelPhase.Stopped }, new CloseDeadSession());
            Publish(TransitionReasons.Stopped, s => s with { State = TunnelState.Stopped, Since = now, Pid = null, UpSince = null, NextRetry = null });
            Log(nameof(DaemonLog.TunnelStopped), l => l.TunnelStopped(Name, "sshkeep stopped it"));
        }

        private void Set(Func<TunnelMachineState, TunnelMachineState> change, TunnelEffect? then = null)
        {
            State = change(State);
            if (then is not null) Do(then);
        }

        private void Do(TunnelEffect effect) => Effects.Add(effect);

        private void Log(string name, Action<Microsoft.Extensions.Logging.ILogger> write) => Do(new TunnelEffect.Log(name, write));

        private void Publish(string reason, Func<TunnelStatus, TunnelStatus> change)
        {
            var before = State.Status;
            var after = change(before);
            if (after == before) return;
            State = State with { Status = after };
            Do(new TunnelEffect.Publish(new TunnelTransition(before, after, reason) { At = now }));
        }
    }

    private static string FixFor(SshFailureKind kind) => kind switch
    {
        SshFailureKind.AuthenticationRefused => "check identity_file and that its public key is in the server's authorized_keys",
        SshFailureKind.HostKeyRejected => "check the server's host key and update known_hosts (ssh-keygen -R host, then connect once by hand)",
        _ => "fix the tunnel's settings (ssh_path, ssh_options) and run `sshkeep reload`",
    };

    /// <summary>Ends that say something against the server (docs/daemon.md, "Several servers: failover").</summary>
    private static bool FailsOver(string endReason) => endReason is RestartReasons.Exited or RestartReasons.Permanent
        or RestartReasons.RemotePortInUse or RestartReasons.ProbeFailed;

    private static int Weight(SshStderrLine line) =>
        line.IsPermanent ? 3 : line.Kind == SshFailureKind.RemotePortInUse ? 2 : line.Kind == SshFailureKind.None ? 0 : 1;

    private static readonly string[] NoisePrefixes = ["Transferred: ", "Bytes per second: ", "Warning: Permanently added"];

    private static bool IsNoise(string line) => NoisePrefixes.Any(prefix => line.StartsWith(prefix, StringComparison.Ordinal));
}
