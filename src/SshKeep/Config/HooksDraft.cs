namespace SshKeep.Config;

/// <summary>The <c>hooks</c> keys one section (defaults or a tunnel) set; unset ones are null.
/// A hook whose value is null was set to null in the file: no hook, overriding a default.</summary>
internal sealed class HooksDraft
{
    public Located<HookCommand?>? OnUp { get; set; }

    public Located<HookCommand?>? OnDown { get; set; }

    public Located<HookCommand?>? OnNeedsAttention { get; set; }

    public Located<double>? Timeout { get; set; }
}
