using SshKeep.Demo;

namespace SshKeep.Bench.Clients;

/// <summary>One client attempt: a new connection through the tunnel, a line sent, its echo awaited.</summary>
/// <param name="Start">When it started, from the fault.</param>
/// <param name="Outcome">Ok, or how it failed.</param>
/// <param name="Wait">Start → the echo (ok) or the failure.</param>
internal readonly record struct AttemptRecord(TimeSpan Start, EchoOutcome Outcome, TimeSpan Wait);
