namespace SshKeep.Cli.Doctor;

/// <summary>The server's key in the known_hosts files ssh would read (docs/doctor.md, "Each tunnel").</summary>
internal static class KnownHostsCheck
{
    public const string Subject = "known_hosts";

    public static string NameFor(string host, int port) =>
        port == 22 ? host : string.Create(CultureInfo.InvariantCulture, $"[{host}]:{port}");

    public static DoctorCheck Judge(string name, IReadOnlyList<(string File, KnownHostsLookup Result)> lookups,
        string? strictHostKeyChecking, string connectCommand)
    {
        var found = lookups.FirstOrDefault(l => l.Result == KnownHostsLookup.Found).File;
        var looked = lookups.Where(l => l.Result != KnownHostsLookup.NoFile).Select(l => l.File).ToList();
        var where = looked.Count == 0 ? "no known_hosts file exists" : $"not in {string.Join(", ", looked)}";
        var fix = $"connect once by hand and compare the fingerprint with the server's: {connectCommand}";
        return (strictHostKeyChecking?.ToLowerInvariant() ?? "ask") switch
        {
            "no" or "off" or "false" => new(DoctorVerdict.Warn, Subject,
                $"StrictHostKeyChecking {strictHostKeyChecking}: ssh accepts any host key for {name}",
                "anyone on the path can pose as the server and read what goes through the tunnel",
                $"remove StrictHostKeyChecking from the tunnel's ssh_options, and connect once by hand to record the key: {connectCommand}"),
            _ when found is not null => new(DoctorVerdict.Ok, Subject, $"{name} is in {found}"),
            _ when lookups.Any(l => l.Result == KnownHostsLookup.Failed) => new(DoctorVerdict.Warn, Subject,
                $"cannot look {name} up with ssh-keygen -F ({where})", "install OpenSSH's client (ssh-keygen) to let doctor check", fix),
            "accept-new" => new(DoctorVerdict.Warn, Subject, $"{name}: {where}",
                "StrictHostKeyChecking accept-new: ssh will trust whatever key answers the first connection", fix),
            _ => new(DoctorVerdict.Fail, Subject, $"{name}: {where}",
                "ssh runs with BatchMode and refuses an unknown host key: the tunnel would wait in needs-attention", fix),
        };
    }
}
