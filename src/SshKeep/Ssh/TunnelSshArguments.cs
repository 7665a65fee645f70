using SshKeep.Config;

namespace SshKeep.Ssh;

/// <summary>docs/config.md "The ssh command line"; ssh keeps the first value it reads: these beat ssh_config.</summary>
internal static class TunnelSshArguments
{
    /// <summary>No prompt nobody sees, no master carrying the forwards elsewhere.</summary>
    private static readonly KeyValuePair<string, string>[] Forced =
        [new("BatchMode", "yes"), new("ControlMaster", "no"), new("ControlPath", "none")];

    /// <param name="controlPath">This ssh is the master for the probes; ControlPersist=no: it never forks.</param>
    /// <param name="held">docs/held-ports.md: ssh is not given them.</param>
    public static IReadOnlyList<string> Build(TunnelConfig tunnel, string? controlPath = null, IReadOnlySet<ForwardSpec>? held = null,
        string? destination = null)
    {
        KeyValuePair<string, string>[] defaults =
        [
            new("ServerAliveInterval", Number(tunnel.Health.ServerAliveInterval)),
            new("ServerAliveCountMax", Number(tunnel.Health.ServerAliveCountMax)),
            new("ConnectTimeout", Number(tunnel.Health.ConnectTimeout)),
            new("ExitOnForwardFailure", "yes"),
            new("LogLevel", "VERBOSE"),
        ];
        KeyValuePair<string, string>[] control = controlPath is null
            ? Forced[1..]
            : [new("ControlMaster", "yes"), new("ControlPath", controlPath.Replace("%", "%%", StringComparison.Ordinal)),
                new("ControlPersist", "no")];

        // StrictHostKeyChecking only ever arrives from the tunnel's own options (docs/config.md "StrictHostKeyChecking").
        IEnumerable<KeyValuePair<string, string>> options =
        [
            Forced[0],
            .. defaults.Where(o => !tunnel.SshOptions.Any(t => SshOptionRules.Is(t.Key, o.Key))),
            .. control,
            .. tunnel.SshOptions.Where(o => !Forced.Any(f => SshOptionRules.Is(f.Key, o.Key))),
        ];
        var argv = new List<string> { "-N", "-T" };
        foreach (var (key, value) in options) argv.AddRange(["-o", $"{key}={value}"]);
        if (tunnel.Port is { } port) argv.AddRange(["-p", Number(port)]);
        if (tunnel.IdentityFile is { } identity) argv.AddRange(["-i", identity]);
        foreach (var forward in tunnel.Forwards.Where(f => held?.Contains(f) != true)) argv.AddRange([forward.Flag, forward.Argument]);
        argv.AddRange(["--", destination ?? tunnel.Destination]);
        return argv;
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
