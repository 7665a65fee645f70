namespace SshKeep.Supervision;

/// <summary>What a person (CLI, signal) or an event can ask of one tunnel.</summary>
public enum TunnelCommand
{
    RetryNow,
    Restart,
}
