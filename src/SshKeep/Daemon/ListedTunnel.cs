using SshKeep.Supervision;

namespace SshKeep.Daemon;

/// <summary>One tunnel as <see cref="StatusFold"/> knows it, with what READY=1 needs (docs/daemon.md "Readiness"):
/// <paramref name="Attempted"/> once its first ssh attempt has an outcome, up or a wait.</summary>
internal sealed record ListedTunnel(TunnelStatus Status, bool EverUp = false, bool Attempted = false);
