using SshKeep.Supervision;

namespace SshKeep.Daemon;

/// <summary>What the READY=1 decision needs to know about one tunnel.</summary>
/// <param name="Name">The tunnel's name.</param>
/// <param name="State">Where it is now; <see cref="TunnelState.Stopped"/> tunnels (disabled,
/// removed) do not count.</param>
/// <param name="EverUp">It has been <see cref="TunnelState.Up"/> at least once since the daemon started.</param>
/// <param name="Attempted">Its first ssh attempt has an outcome: it came up, or it failed and the
/// tunnel moved on to a wait (backoff, waiting-for-remote-port, needs-attention).</param>
internal sealed record SystemdTunnelProgress(string Name, TunnelState State, bool EverUp, bool Attempted);
