namespace SshKeep.Config;

/// <summary>
/// What one section (<c>defaults</c> or one tunnel) set, each value with where it was set; unset
/// keys are null. Drafts exist only inside one load: the loader merges a tunnel's draft over the
/// defaults' draft and makes the sealed <see cref="TunnelConfig"/>.
/// </summary>
internal sealed class TunnelDraft
{
    /// <summary>Keys written in the section, valid or not: a key that was written wrongly was
    /// reported already and must not be reported again as missing.</summary>
    public HashSet<string> Written { get; } = new(StringComparer.Ordinal);

    public Located<string>? Destination { get; set; }

    /// <summary>Value null: explicitly unset (let ssh_config decide), overriding a default.</summary>
    public Located<int?>? Port { get; set; }

    /// <summary>Value null: explicitly unset, overriding a default.</summary>
    public Located<string?>? IdentityFile { get; set; }

    public Located<string>? SshPath { get; set; }

    public List<SshOptionDraft> SshOptions { get; } = [];

    /// <summary>Null when the key is absent; the list holds the forwards that were valid.</summary>
    public List<Located<ForwardSpec>>? Forwards { get; set; }

    public HealthDraft Health { get; } = new();

    public BackoffDraft Backoff { get; } = new();

    public HooksDraft Hooks { get; } = new();

    public Located<bool>? Enabled { get; set; }
}
