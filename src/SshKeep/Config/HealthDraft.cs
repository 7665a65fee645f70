namespace SshKeep.Config;

/// <summary>The <c>health</c> keys one section (defaults or a tunnel) set; unset ones are null.</summary>
internal sealed class HealthDraft
{
    public Located<int>? ServerAliveInterval { get; set; }

    public Located<int>? ServerAliveCountMax { get; set; }

    public Located<int>? ConnectTimeout { get; set; }

    public Located<double>? ProbeInterval { get; set; }

    public Located<double>? ProbeTimeout { get; set; }

    public Located<int>? ProbeFailures { get; set; }
}
