using SshKeep.Config;
using SshKeep.Health;

namespace SshKeep.Supervision;

/// <summary>One end-to-end probe of one forward of a tunnel.</summary>
/// <param name="connectListener">Also connect to the forward's local listener, where the probe
/// would otherwise skip it (<see cref="ProbeSchedule.ChecksListeners"/> says when).</param>
internal delegate Task<ProbeResult> ForwardProber(TunnelConfig tunnel, ForwardSpec forward, bool connectListener,
    CancellationToken cancellationToken);
