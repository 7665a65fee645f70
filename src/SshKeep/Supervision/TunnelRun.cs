using SshKeep.Ssh;

namespace SshKeep.Supervision;

/// <summary>What <see cref="TunnelMachine"/> knows of the current ssh run.</summary>
/// <param name="EndedBy">sshkeep's own reason for ending it (probe verdict, SIGSTOP, stall).</param>
/// <param name="ProbeAsked">A network change asked for a round while one was under way: the next follows at once.</param>
internal sealed record TunnelRun(
    DateTimeOffset StartedAt,
    int Pid = 0,
    DateTimeOffset? UpSince = null,
    SshStderrLine Decisive = default,
    string? LastLine = null,
    bool CouldNotConnect = false,
    bool StderrClosed = false,
    ChildExit? Exit = null,
    string? EndedBy = null,
    string? EndReason = null,
    bool RestartAtOnce = false,
    TunnelRunOutcome? Outcome = null,
    int ProbeFailures = 0,
    int RoundsSinceListenerChecked = 0,
    bool Probing = false,
    bool ProbeAsked = false);
