namespace SshKeep.Config;

/// <summary>Which tunnel's forward claimed a listen socket first.</summary>
internal sealed record ListenClaim(ListenOwner Tunnel, Located<ForwardSpec> Forward);
