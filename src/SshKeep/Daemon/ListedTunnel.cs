using SshKeep.Supervision;

namespace SshKeep.Daemon;

/// <summary>One tunnel as <see cref="StatusFold"/> knows it, with what READY=1 needs (docs/daemon.md "Readiness").</summary>
internal sealed record ListedTunnel(TunnelStatus Status, bool EverUp = false, bool Attempted = false);
