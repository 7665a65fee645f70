namespace SshKeep.Cli.Doctor;

/// <summary>What doctor needs to know about a key file (after following symlinks).</summary>
/// <param name="Permissions">The mode's permission bits, e.g. 0600 (octal 600 = 384).</param>
internal sealed record FileFacts(bool IsRegularFile, uint OwnerUid, uint Permissions);
