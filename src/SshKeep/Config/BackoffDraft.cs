namespace SshKeep.Config;

/// <summary>The <c>backoff</c> keys one section (defaults or a tunnel) set; unset ones are null.</summary>
internal sealed class BackoffDraft
{
    public Located<double>? Initial { get; set; }

    public Located<double>? Max { get; set; }

    public Located<double>? StablePeriod { get; set; }

    public Located<double>? NeedsAttentionRetry { get; set; }

    public Located<double>? RemotePortRetry { get; set; }
}
