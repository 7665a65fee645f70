using SshKeep.Demo;

namespace SshKeep.Bench;

/// <summary>One probe through the tunnel: how it ended, and when.</summary>
internal readonly record struct ProbeOutcome(EchoOutcome Outcome, long FinishedAt)
{
    /// <summary>The token came back.</summary>
    public bool Ok => Outcome == EchoOutcome.Ok;
}
