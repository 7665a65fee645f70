namespace SshKeep.Cli.Doctor;

internal enum KnownHostsLookup
{
    Found,
    NotFound,

    /// <summary>The file does not exist (normal for the second user file and the global ones).</summary>
    NoFile,

    Failed,
}
