using SshKeep.Config;

namespace SshKeep.Forwarding;

/// <summary>Read when a status is asked for (docs/held-ports.md, "Counts").</summary>
internal sealed record HeldForwardReading(string Listen, ForwardKind Kind, HeldForwardCounts Counts);
