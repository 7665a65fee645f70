using SshKeep.Config;

namespace SshKeep.Forwarding;

/// <summary>One port the daemon holds for a tunnel and its counts, read when a status is asked for
/// (docs/held-ports.md, "Counts").</summary>
/// <param name="Listen">The forward's listen half as the config has it (<see cref="ForwardSpec.Listen"/>).</param>
internal sealed record HeldForwardReading(string Listen, ForwardKind Kind, HeldForwardCounts Counts);
