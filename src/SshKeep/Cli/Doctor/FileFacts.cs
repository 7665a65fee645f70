namespace SshKeep.Cli.Doctor;

/// <param name="Permissions">The mode's permission bits, e.g. 0600 (octal 600 = 384).</param>
internal sealed record FileFacts(bool IsRegularFile, uint OwnerUid, uint Permissions);
