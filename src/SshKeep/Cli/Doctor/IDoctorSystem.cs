namespace SshKeep.Cli.Doctor;

/// <summary>Everything doctor learns from the machine, so that the report is a pure function of these answers.</summary>
internal interface IDoctorSystem
{
    /// <summary>The user running doctor (geteuid): key files should be theirs.</summary>
    uint UserId { get; }

    string? HomeDirectory { get; }

    /// <summary>$PATH, where the config's hook programs are looked up.</summary>
    string? PathVariable { get; }

    /// <summary>A helper program: <c>ssh -V</c> (OpenSSH prints its version on stderr) or <c>ssh -G ARGS…</c>.</summary>
    Task<CommandOutput> RunAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken);

    Task<KnownHostsLookup> FindKnownHostAsync(string file, string name, CancellationToken cancellationToken);

    /// <summary>A value of /proc/sys/net/ipv4 (<c>tcp_keepalive_time</c>…), trimmed; null when unreadable.</summary>
    string? ReadKernelSetting(string name);

    /// <summary>A file's type, owner and permissions; null when nothing is there.</summary>
    FileFacts? InspectFile(string path);

    /// <summary>Null when the TCP connect succeeded, else the end of a sentence that starts with the address.</summary>
    Task<string?> ConnectAsync(string host, int port, TimeSpan timeout, CancellationToken cancellationToken);
}
