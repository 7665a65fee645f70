namespace SshKeep.Cli.Doctor;

/// <summary>The answer of <c>ssh-keygen -F name -f file</c> for one known_hosts file.</summary>
internal enum KnownHostsLookup
{
    Found,
    NotFound,

    /// <summary>The file does not exist (normal for the second user file and the global ones).</summary>
    NoFile,

    Failed,
}
